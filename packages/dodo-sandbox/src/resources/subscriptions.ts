// Subscriptions: list/retrieve/PATCH, change-plan (+ preview), update-payment-method; renewals when the clock passes a billing date.
import { z } from 'zod';
import type { Customer } from 'dodopayments/resources/customers/customers';
import type { Metadata } from 'dodopayments/resources/misc';
import type { BillingAddress } from 'dodopayments/resources/payments';
import type { Price } from 'dodopayments/resources/products/products';
import type {
  Subscription,
  SubscriptionChangePlanResponse,
  SubscriptionListResponse,
  SubscriptionPreviewChangePlanResponse,
  SubscriptionUpdatePaymentMethodResponse,
} from 'dodopayments/resources/subscriptions';
import { SandboxError } from '../engine';
import type { SandboxCore, WebhookData } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { createdWithin, newestFirst, paginate } from '../core/pagination';
import { addDays, addInterval, isRecurringPrice, priceLine, taxRatePercent, unitPrice } from '../core/pricing';
import type { PaymentLineItem, StoredCheckoutSession, StoredPayment, StoredProduct } from '../core/state';
import type { TestInstrument } from '../core/test-instruments';
import { getCustomer, savePaymentMethod } from './customers';
import { paymentEventData, recordPayment } from './payments';
import { purchasableProduct } from './products';
import { billingAddressSchema, metadataSchema } from './schemas';

const CHECKOUT_SESSION_LIFETIME_DAYS = 1;

type RecurringProduct = StoredProduct & { price: Price.RecurringPrice | Price.UsageBasedPrice };

export function recurringProduct(core: SandboxCore, productId: string): RecurringProduct {
  const product = purchasableProduct(core, productId);
  if (product.price.type === 'one_time_price') throw new SandboxError(422, 'PRODUCT_NOT_RECURRING', `Product ${productId} is not a subscription product`);
  return product as RecurringProduct;
}

export function getSubscription(core: SandboxCore, subscriptionId: string): Subscription {
  const subscription = core.state.subscriptions[subscriptionId];
  if (!subscription) throw notFound('Subscription', subscriptionId);
  return subscription;
}

export function subscriptionEventData(subscription: Subscription): WebhookData {
  return { payload_type: 'Subscription', ...structuredClone(subscription) };
}

/** The product's own trial unless the checkout session overrides it. */
export function trialDaysFor(product: StoredProduct, sessionTrialDays: number | null): number {
  if (!product.is_recurring) return 0;
  if (sessionTrialDays !== null) return sessionTrialDays;
  return isRecurringPrice(product.price) ? (product.price.trial_period_days ?? 0) : 0;
}

export function createSubscription(
  core: SandboxCore,
  input: {
    product: RecurringProduct;
    quantity: number;
    customer: Customer;
    billing: BillingAddress;
    metadata: Metadata;
    trial_period_days: number;
    payment_method_id: string;
  },
): Subscription {
  const now = core.now();
  const { price } = input.product;
  const line = priceLine(input.product, input.quantity, unitPrice(price), input.billing.country);
  const subscription: Subscription = {
    subscription_id: newId(ID_PREFIX.subscription),
    brand_id: core.state.brand_id,
    created_at: now,
    status: 'active',
    product_id: input.product.product_id,
    quantity: input.quantity,
    customer: {
      customer_id: input.customer.customer_id,
      email: input.customer.email,
      name: input.customer.name,
      metadata: input.customer.metadata ?? {},
      phone_number: input.customer.phone_number ?? null,
    },
    billing: input.billing,
    currency: price.currency,
    metadata: input.metadata,
    recurring_pre_tax_amount: line.amount,
    tax_inclusive: price.tax_inclusive === true,
    payment_frequency_count: price.payment_frequency_count,
    payment_frequency_interval: price.payment_frequency_interval,
    subscription_period_count: price.subscription_period_count,
    subscription_period_interval: price.subscription_period_interval,
    trial_period_days: input.trial_period_days,
    previous_billing_date: now,
    next_billing_date:
      input.trial_period_days > 0 ? addDays(now, input.trial_period_days) : addInterval(now, price.payment_frequency_interval, price.payment_frequency_count),
    expires_at: addInterval(now, price.subscription_period_interval, price.subscription_period_count),
    cancel_at_next_billing_date: false,
    cancelled_at: null,
    cancellation_comment: null,
    cancellation_feedback: null,
    paused_at: null,
    has_payment_method: true,
    payment_method_id: input.payment_method_id,
    on_demand: false,
    addons: [],
    meters: [],
    credit_entitlement_cart: [],
    meter_credit_entitlement_cart: [],
    custom_field_responses: null,
    customer_business_name: null,
    discount_id: null,
    discount_cycles_remaining: null,
    discounts: null,
    scheduled_change: null,
    tax_id: null,
    trial_amount: null,
  };
  core.state.subscriptions[subscription.subscription_id] = subscription;
  return subscription;
}

/** One billing period of the subscription as a priced line (pre-tax amount plus the billing country's tax). */
function periodLine(core: SandboxCore, subscription: Subscription, preTaxAmount = subscription.recurring_pre_tax_amount): PaymentLineItem {
  const product = core.state.products[subscription.product_id];
  return {
    items_id: subscription.product_id,
    name: product?.name ?? subscription.product_id,
    description: product?.description ?? null,
    quantity: subscription.quantity,
    amount: preTaxAmount,
    tax: Math.round((preTaxAmount * taxRatePercent(subscription.billing.country)) / 100),
  };
}

function savedInstrument(core: SandboxCore, subscription: Subscription): { instrument: TestInstrument; payment_method_id: string } {
  const method = subscription.payment_method_id ? core.state.payment_methods[subscription.payment_method_id] : undefined;
  if (!method) throw new SandboxError(422, 'NO_PAYMENT_METHOD', `Subscription ${subscription.subscription_id} has no saved payment method`);
  return { instrument: method.instrument, payment_method_id: method.payment_method_id };
}

function chargeSubscription(
  core: SandboxCore,
  subscription: Subscription,
  line: PaymentLineItem,
  via: { instrument: TestInstrument; payment_method_id: string },
  isUpdatePaymentMethod = false,
): StoredPayment {
  const payment = recordPayment(core, {
    customer: getCustomer(core, subscription.customer.customer_id),
    billing: subscription.billing,
    currency: subscription.currency,
    line_items: [line],
    metadata: subscription.metadata,
    instrument: via.instrument,
    outcome: core.charge(via.instrument, subscription.subscription_id),
    payment_method_id: via.payment_method_id,
    subscription_ids: [subscription.subscription_id],
    checkout_session_id: null,
    is_update_payment_method: isUpdatePaymentMethod,
  });
  core.emit(payment.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed', paymentEventData(core, payment));
  return payment;
}

function applyPlan(core: SandboxCore, subscription: Subscription, product: RecurringProduct, quantity: number): void {
  subscription.product_id = product.product_id;
  subscription.quantity = quantity;
  subscription.recurring_pre_tax_amount = priceLine(product, quantity, unitPrice(product.price), subscription.billing.country).amount;
  subscription.payment_frequency_count = product.price.payment_frequency_count;
  subscription.payment_frequency_interval = product.price.payment_frequency_interval;
  subscription.tax_inclusive = product.price.tax_inclusive === true;
  subscription.scheduled_change = null;
}

/** When the next billing event (renewal, trial end, cancellation at period end) is due; null if none. */
export function nextBillingEventAt(core: SandboxCore): string | null {
  const dates = Object.values(core.state.subscriptions)
    .filter((s) => s.status === 'active')
    .map((s) => s.next_billing_date)
    .sort();
  return dates[0] ?? null;
}

/** Renews, cancels or expires every active subscription whose billing date has passed on the virtual clock. */
export function runDueBilling(core: SandboxCore): void {
  for (;;) {
    const now = core.now();
    const due = Object.values(core.state.subscriptions)
      .filter((s) => s.status === 'active' && s.next_billing_date <= now)
      .sort((a, b) => a.next_billing_date.localeCompare(b.next_billing_date))[0];
    if (!due) return;
    renewSubscription(core, due);
  }
}

function renewSubscription(core: SandboxCore, subscription: Subscription): void {
  const now = core.now();
  if (subscription.scheduled_change) {
    const { product_id, quantity } = subscription.scheduled_change;
    applyPlan(core, subscription, recurringProduct(core, product_id), quantity);
    core.emit('subscription.plan_changed', subscriptionEventData(subscription));
  }
  if (subscription.cancel_at_next_billing_date) {
    subscription.status = 'cancelled';
    subscription.cancelled_at = now;
    core.emit('subscription.cancelled', subscriptionEventData(subscription));
    return;
  }
  if (subscription.expires_at && subscription.expires_at <= subscription.next_billing_date) {
    subscription.status = 'expired';
    core.emit('subscription.expired', subscriptionEventData(subscription));
    return;
  }
  const method = subscription.payment_method_id ? core.state.payment_methods[subscription.payment_method_id] : undefined;
  const payment = method
    ? chargeSubscription(core, subscription, periodLine(core, subscription), { instrument: method.instrument, payment_method_id: method.payment_method_id })
    : null;
  if (payment?.status === 'succeeded') {
    subscription.previous_billing_date = subscription.next_billing_date;
    subscription.next_billing_date = addInterval(subscription.next_billing_date, subscription.payment_frequency_interval, subscription.payment_frequency_count);
    core.emit('subscription.renewed', subscriptionEventData(subscription));
  } else {
    subscription.status = 'on_hold';
    core.emit('subscription.on_hold', subscriptionEventData(subscription));
  }
}

/**
 * Saves a new instrument for the subscription. On hold: charges the overdue period and reactivates it.
 * Active: records a zero-amount authorisation payment, as Dodo does for payment-method updates.
 */
export function applyNewPaymentMethod(core: SandboxCore, subscription: Subscription, instrument: TestInstrument, existingMethodId?: string): StoredPayment {
  if (subscription.status !== 'active' && subscription.status !== 'on_hold') {
    throw new SandboxError(422, 'SUBSCRIPTION_NOT_ACTIVE', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  }
  const wasOnHold = subscription.status === 'on_hold';
  const line = wasOnHold ? periodLine(core, subscription) : periodLine(core, subscription, 0);
  const methodId =
    existingMethodId ?? savePaymentMethod(core, { customer_id: subscription.customer.customer_id, instrument }).payment_method_id;
  const payment = chargeSubscription(core, subscription, line, { instrument, payment_method_id: methodId }, true);
  if (payment.status !== 'succeeded') return payment;
  subscription.payment_method_id = methodId;
  subscription.has_payment_method = true;
  if (wasOnHold) {
    const now = core.now();
    subscription.status = 'active';
    subscription.previous_billing_date = now;
    subscription.next_billing_date = addInterval(now, subscription.payment_frequency_interval, subscription.payment_frequency_count);
    core.emit('subscription.active', subscriptionEventData(subscription));
  }
  core.emit('subscription.update_payment_method', subscriptionEventData(subscription));
  return payment;
}

/** A checkout session whose only purpose is collecting a new instrument for this subscription. */
function openUpdatePaymentMethodSession(core: SandboxCore, subscription: Subscription, returnUrl: string | null): StoredCheckoutSession {
  const now = core.now();
  const session: StoredCheckoutSession = {
    session_id: newId(ID_PREFIX.checkoutSession),
    created_at: now,
    expires_at: addDays(now, CHECKOUT_SESSION_LIFETIME_DAYS),
    purpose: { kind: 'update_payment_method', subscription_id: subscription.subscription_id },
    product_cart: [{ product_id: subscription.product_id, quantity: subscription.quantity, amount: null }],
    customer_id: subscription.customer.customer_id,
    customer_email: subscription.customer.email,
    customer_name: subscription.customer.name,
    always_create_new_customer: false,
    billing_address: subscription.billing,
    currency: subscription.currency,
    return_url: returnUrl,
    cancel_url: null,
    metadata: subscription.metadata,
    trial_period_days: null,
    status: 'open',
    payment_id: null,
    subscription_ids: [subscription.subscription_id],
    last_error: null,
  };
  core.state.checkout_sessions[session.session_id] = session;
  return session;
}

/** The amount due now, in minor units and before tax, for each proration mode. */
function amountDueForPlanChange(core: SandboxCore, subscription: Subscription, newPreTaxAmount: number, mode: ProrationMode): { amount: number; proration_factor: number } {
  const old = subscription.recurring_pre_tax_amount;
  if (mode === 'do_not_bill') return { amount: 0, proration_factor: 0 };
  if (mode === 'full_immediately') return { amount: newPreTaxAmount, proration_factor: 1 };
  if (mode === 'difference_immediately') return { amount: Math.max(0, newPreTaxAmount - old), proration_factor: 1 };
  const start = new Date(subscription.previous_billing_date).getTime();
  const end = new Date(subscription.next_billing_date).getTime();
  const remaining = end > start ? Math.min(1, Math.max(0, (end - new Date(core.now()).getTime()) / (end - start))) : 0;
  return { amount: Math.max(0, Math.round((newPreTaxAmount - old) * remaining)), proration_factor: remaining };
}

type ProrationMode = 'prorated_immediately' | 'full_immediately' | 'difference_immediately' | 'do_not_bill';

const changePlanSchema = z.object({
  product_id: z.string(),
  quantity: z.number().int().positive(),
  proration_billing_mode: z.enum(['prorated_immediately', 'full_immediately', 'difference_immediately', 'do_not_bill']),
  effective_at: z.enum(['immediately', 'next_billing_date']).optional(),
  on_payment_failure: z.enum(['prevent_change', 'apply_change']).nullish(),
  metadata: metadataSchema.nullish(),
});

type PlanChangeQuote = {
  product: RecurringProduct;
  quantity: number;
  effective_at: string;
  scheduled: boolean;
  resets_cycle: boolean;
  proration_factor: number;
  /** The charge now; null when nothing is billed. */
  line: PaymentLineItem | null;
  new_plan: Subscription;
};

function quotePlanChange(core: SandboxCore, subscription: Subscription, input: z.infer<typeof changePlanSchema>): PlanChangeQuote {
  if (subscription.status !== 'active') {
    throw new SandboxError(422, 'SUBSCRIPTION_NOT_ACTIVE', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  }
  const product = recurringProduct(core, input.product_id);
  const scheduled = input.effective_at === 'next_billing_date';
  const newPlan = structuredClone(subscription);
  applyPlan(core, newPlan, product, input.quantity);
  const resetsCycle = !scheduled && input.proration_billing_mode === 'full_immediately';
  const due = scheduled ? { amount: 0, proration_factor: 0 } : amountDueForPlanChange(core, subscription, newPlan.recurring_pre_tax_amount, input.proration_billing_mode);
  const now = core.now();
  if (resetsCycle) {
    newPlan.previous_billing_date = now;
    newPlan.next_billing_date = addInterval(now, newPlan.payment_frequency_interval, newPlan.payment_frequency_count);
  }
  if (input.metadata) newPlan.metadata = { ...newPlan.metadata, ...input.metadata };
  return {
    product,
    quantity: input.quantity,
    scheduled,
    effective_at: scheduled ? subscription.next_billing_date : now,
    resets_cycle: resetsCycle,
    proration_factor: due.proration_factor,
    line: due.amount > 0 ? { ...periodLine(core, newPlan, due.amount) } : null,
    new_plan: newPlan,
  };
}

function changePlan(core: SandboxCore, subscription: Subscription, body: unknown): SubscriptionChangePlanResponse {
  const input = parseBody(changePlanSchema, body);
  const quote = quotePlanChange(core, subscription, input);
  if (quote.scheduled) {
    subscription.scheduled_change = {
      id: newId(ID_PREFIX.subscription).replace(ID_PREFIX.subscription, 'spc_'),
      product_id: quote.product.product_id,
      quantity: quote.quantity,
      product_name: quote.product.name ?? null,
      product_description: quote.product.description ?? null,
      addons: [],
      created_at: core.now(),
      effective_at: quote.effective_at,
    };
    core.emit('subscription.updated', subscriptionEventData(subscription));
    return { payment_id: null, client_secret: null, expires_on: null, payment_link: null };
  }
  const payment = quote.line ? chargeSubscription(core, subscription, quote.line, savedInstrument(core, subscription)) : null;
  const failed = payment !== null && payment.status !== 'succeeded';
  if (failed && input.on_payment_failure !== 'apply_change') {
    throw new SandboxError(422, 'PAYMENT_FAILED', `The plan change charge failed (payment ${payment.payment_id}: ${payment.error_code}); the plan was not changed`);
  }
  Object.assign(subscription, {
    product_id: quote.new_plan.product_id,
    quantity: quote.new_plan.quantity,
    recurring_pre_tax_amount: quote.new_plan.recurring_pre_tax_amount,
    payment_frequency_count: quote.new_plan.payment_frequency_count,
    payment_frequency_interval: quote.new_plan.payment_frequency_interval,
    tax_inclusive: quote.new_plan.tax_inclusive,
    previous_billing_date: quote.new_plan.previous_billing_date,
    next_billing_date: quote.new_plan.next_billing_date,
    metadata: quote.new_plan.metadata,
    scheduled_change: null,
  });
  core.emit('subscription.plan_changed', subscriptionEventData(subscription));
  if (failed) {
    subscription.status = 'on_hold';
    core.emit('subscription.on_hold', subscriptionEventData(subscription));
  }
  return { payment_id: payment?.payment_id ?? null, client_secret: null, expires_on: null, payment_link: null };
}

function previewPlanChange(core: SandboxCore, subscription: Subscription, body: unknown): SubscriptionPreviewChangePlanResponse {
  const quote = quotePlanChange(core, subscription, parseBody(changePlanSchema, body));
  const amount = quote.line?.amount ?? 0;
  const tax = quote.line?.tax ?? 0;
  return {
    new_plan: quote.new_plan,
    immediate_charge: {
      effective_at: quote.effective_at,
      line_items: [
        {
          type: 'subscription',
          id: subscription.subscription_id,
          product_id: quote.product.product_id,
          name: quote.product.name ?? null,
          description: quote.product.description ?? null,
          currency: subscription.currency,
          quantity: quote.quantity,
          unit_price: unitPrice(quote.product.price),
          proration_factor: quote.proration_factor,
          tax_inclusive: quote.new_plan.tax_inclusive,
          tax,
          tax_rate: taxRatePercent(subscription.billing.country),
        },
      ],
      summary: {
        currency: subscription.currency,
        customer_credits: 0,
        settlement_amount: amount + tax,
        settlement_currency: subscription.currency,
        settlement_tax: tax,
        total_amount: amount + tax,
        tax,
      },
    },
  };
}

const subscriptionUpdateSchema = z.object({
  billing: billingAddressSchema.nullish(),
  cancel_at_next_billing_date: z.boolean().nullish(),
  cancel_reason: z.string().nullish(),
  cancellation_comment: z.string().nullish(),
  cancellation_feedback: z
    .enum(['too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'low_quality', 'too_complex', 'other'])
    .nullish(),
  customer_name: z.string().nullish(),
  metadata: metadataSchema.nullish(),
  next_billing_date: z.iso.datetime({ offset: true }).nullish(),
  pause: z.boolean().nullish(),
  status: z.enum(['pending', 'active', 'on_hold', 'paused', 'cancelled', 'failed', 'expired', 'past_due']).nullish(),
  tax_id: z.string().nullish(),
});

const ENDED_STATUSES = new Set(['cancelled', 'expired', 'failed']);

export function cancelSubscriptionNow(core: SandboxCore, subscription: Subscription): void {
  if (ENDED_STATUSES.has(subscription.status)) {
    throw new SandboxError(422, 'SUBSCRIPTION_NOT_ACTIVE', `Subscription ${subscription.subscription_id} is already ${subscription.status}`);
  }
  subscription.status = 'cancelled';
  subscription.cancelled_at = core.now();
  core.emit('subscription.cancelled', subscriptionEventData(subscription));
}

function updateSubscription(core: SandboxCore, subscription: Subscription, body: unknown): Subscription {
  const input = parseBody(subscriptionUpdateSchema, body);
  if (input.status && input.status !== 'cancelled') {
    throw new SandboxError(422, 'INVALID_STATUS_CHANGE', `status can only be set to 'cancelled' (got '${input.status}')`);
  }
  if (input.cancel_at_next_billing_date != null) {
    if (ENDED_STATUSES.has(subscription.status)) {
      throw new SandboxError(422, 'SUBSCRIPTION_NOT_ACTIVE', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
    }
    subscription.cancel_at_next_billing_date = input.cancel_at_next_billing_date;
  }
  if (input.billing) subscription.billing = { country: input.billing.country, city: input.billing.city ?? null, state: input.billing.state ?? null, street: input.billing.street ?? null, zipcode: input.billing.zipcode ?? null } as BillingAddress;
  if (input.metadata) subscription.metadata = input.metadata;
  if (input.customer_name) subscription.customer.name = input.customer_name;
  if (input.tax_id !== undefined) subscription.tax_id = input.tax_id;
  if (input.cancellation_comment !== undefined) subscription.cancellation_comment = input.cancellation_comment;
  if (input.cancellation_feedback !== undefined) subscription.cancellation_feedback = input.cancellation_feedback;
  if (input.next_billing_date) subscription.next_billing_date = new Date(input.next_billing_date).toISOString();
  if (input.pause === true && subscription.status === 'active') {
    subscription.status = 'paused';
    subscription.paused_at = core.now();
    core.emit('subscription.paused', subscriptionEventData(subscription));
  } else if (input.pause === false && subscription.status === 'paused') {
    subscription.status = 'active';
    subscription.paused_at = null;
    core.emit('subscription.unpaused', subscriptionEventData(subscription));
  }
  if (input.status === 'cancelled') cancelSubscriptionNow(core, subscription);
  core.emit('subscription.updated', subscriptionEventData(subscription));
  return subscription;
}

// The SDK posts `params.payment_method` itself as the body.
const updatePaymentMethodSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('new'), return_url: z.string().nullish() }),
  z.object({ type: z.literal('existing'), payment_method_id: z.string() }),
]);

function updatePaymentMethod(core: SandboxCore, subscription: Subscription, body: unknown): SubscriptionUpdatePaymentMethodResponse {
  const request = parseBody(updatePaymentMethodSchema, body);
  if (request.type === 'new') {
    const session = openUpdatePaymentMethodSession(core, subscription, request.return_url ?? null);
    return {
      payment_id: null,
      client_secret: null,
      expires_on: session.expires_at,
      payment_link: `${core.checkoutBaseUrl}/session/${session.session_id}`,
    };
  }
  const method = core.state.payment_methods[request.payment_method_id];
  if (!method || method.customer_id !== subscription.customer.customer_id) throw notFound('Payment method', request.payment_method_id);
  const payment = applyNewPaymentMethod(core, subscription, method.instrument, method.payment_method_id);
  return { payment_id: payment.payment_id, client_secret: null, expires_on: null, payment_link: null };
}

function toListItem(core: SandboxCore, subscription: Subscription): SubscriptionListResponse {
  const { addons: _a, brand_id: _b, credit_entitlement_cart: _c, meter_credit_entitlement_cart: _m, meters: _me, discounts: _d, expires_at: _e, ...rest } = subscription;
  return {
    ...rest,
    discounts: [],
    product_name: core.state.products[subscription.product_id]?.name ?? null,
  };
}

export function registerSubscriptionRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/subscriptions', ({ query }) => {
      const filters = {
        customer_id: query.get('customer_id'),
        status: query.get('status'),
        product_id: query.get('product_id'),
        cancel_at_next_billing_date: query.get('cancel_at_next_billing_date'),
      };
      const subscriptions = newestFirst(Object.values(core.state.subscriptions)).filter(
        (s) =>
          (!filters.customer_id || s.customer.customer_id === filters.customer_id) &&
          (!filters.status || s.status === filters.status) &&
          (!filters.product_id || s.product_id === filters.product_id) &&
          (!filters.cancel_at_next_billing_date || String(s.cancel_at_next_billing_date) === filters.cancel_at_next_billing_date) &&
          createdWithin(query, s.created_at),
      );
      return paginate(
        subscriptions.map((s) => toListItem(core, s)),
        query,
      );
    })
    .get('/subscriptions/:id', ({ params }) => getSubscription(core, params.id))
    .patch('/subscriptions/:id', ({ params, body }) => updateSubscription(core, getSubscription(core, params.id), body))
    .post('/subscriptions/:id/change-plan', ({ params, body }) => changePlan(core, getSubscription(core, params.id), body))
    .post('/subscriptions/:id/change-plan/preview', ({ params, body }) => previewPlanChange(core, getSubscription(core, params.id), body))
    .post('/subscriptions/:id/update-payment-method', ({ params, body }) => updatePaymentMethod(core, getSubscription(core, params.id), body));
}
