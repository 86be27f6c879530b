// Subscriptions: list/retrieve/PATCH, change-plan (+ preview), update-payment-method; renewals when the clock passes a billing date.
import { z } from 'zod';
import type { Customer } from 'dodopayments/resources/customers/customers';
import type { Metadata } from 'dodopayments/resources/misc';
import type { BillingAddress } from 'dodopayments/resources/payments';
import type { Price } from 'dodopayments/resources/products/products';
import type { WebhookEventType } from 'dodopayments/resources/webhook-events';
import type { DiscountDetail } from 'dodopayments/resources/discounts';
import type {
  Subscription,
  AttachAddon,
  SubscriptionChangePlanResponse,
  SubscriptionChargeResponse,
  SubscriptionListResponse,
  SubscriptionPreviewChangePlanResponse,
  SubscriptionUpdatePaymentMethodResponse,
} from 'dodopayments/resources/subscriptions';
import { SandboxError } from '../engine';
import type { SandboxCore, WebhookData } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { SUBSCRIPTION_STATUSES } from '../core/enums';
import { createdWithin, enumFilter, newestFirst, paginate } from '../core/pagination';
import { addDays, addInterval, isRecurringPrice, priceLine, taxRatePercent, unitPrice } from '../core/pricing';
import type { DunningRecord, PaymentLineItem, StoredCheckoutSession, StoredPayment, StoredProduct } from '../core/state';
import { meteredLines } from './meters';
import { addonLines, addonsAmount, attachAddonsSchema, checkAddons } from './addons';
import { applyDiscounts } from './discounts';
import type { TestInstrument } from '../core/test-instruments';
import { getCustomer, savePaymentMethod } from './customers';
import { postWalletEntry, spendWalletCredit, walletBalance } from './wallets';
import { completeBilling, paymentEventData, recordPayment } from './payments';
import { purchasableProduct } from './products';
import { billingAddressSchema, currencySchema, metadataSchema, timeIntervalSchema } from './schemas';

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

/** Dodo's webhook copy of a subscription adds `past_due_ends_at` while a failed renewal is being retried. */
export function subscriptionEventData(core: SandboxCore, subscription: Subscription): WebhookData {
  const dunning = core.state.dunning[subscription.subscription_id];
  const pastDueEndsAt = subscription.status === 'past_due' && dunning ? lastRetryAt(dunning.started_at) : null;
  return { payload_type: 'Subscription', ...structuredClone(subscription), ...(pastDueEndsAt ? { past_due_ends_at: pastDueEndsAt } : {}) };
}

/**
 * Emits a subscription event. `@dodopayments/core`'s strict schema has no `past_due` status, so while a subscription is
 * past due only `subscription.past_due` (which that schema lets through as an unknown type) is sent.
 */
export function emitSubscription(core: SandboxCore, type: WebhookEventType & `subscription.${string}`, subscription: Subscription): void {
  if (subscription.status === 'past_due' && type !== 'subscription.past_due') return;
  core.emit(type, subscriptionEventData(core, subscription));
}

/** Automatic retries of a failed renewal, in days after it (a sandbox choice: Dodo documents retries, not their days). */
export const RENEWAL_RETRY_DAYS = [1, 3, 7] as const;

function lastRetryAt(startedAt: string): string {
  return addDays(startedAt, RENEWAL_RETRY_DAYS[RENEWAL_RETRY_DAYS.length - 1]);
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
    payment_method_id: string | null;
    on_demand?: boolean;
    addons?: AttachAddon[];
    /** Discounts from the checkout, with the cycles the first payment used. */
    discounts?: DiscountDetail[];
  },
): Subscription {
  const now = core.now();
  const { price } = input.product;
  const addons = input.addons ?? [];
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
    recurring_pre_tax_amount: line.amount + addonsAmount(core, { addons }),
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
    has_payment_method: input.payment_method_id !== null,
    payment_method_id: input.payment_method_id,
    on_demand: input.on_demand ?? false,
    addons,
    meters: (price.type === 'usage_based_price' ? (price.meters ?? []) : []).map((meter) => ({
      meter_id: meter.meter_id,
      name: meter.name ?? core.state.meters[meter.meter_id]?.name ?? meter.meter_id,
      description: meter.description ?? null,
      currency: price.currency,
      free_threshold: meter.free_threshold ?? 0,
      measurement_unit: meter.measurement_unit ?? core.state.meters[meter.meter_id]?.measurement_unit ?? 'units',
      price_per_unit: meter.price_per_unit ?? '0',
    })),
    credit_entitlement_cart: [],
    meter_credit_entitlement_cart: [],
    custom_field_responses: null,
    customer_business_name: null,
    discount_id: input.discounts?.[0]?.discount_id ?? null,
    discount_cycles_remaining: input.discounts?.[0]?.cycles_remaining ?? null,
    discounts: input.discounts?.length ? input.discounts : null,
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

export function savedInstrument(core: SandboxCore, subscription: Subscription): { instrument: TestInstrument; payment_method_id: string } {
  const method = subscription.payment_method_id ? core.state.payment_methods[subscription.payment_method_id] : undefined;
  if (!method) throw new SandboxError(422, 'NO_PAYMENT_METHOD', `Subscription ${subscription.subscription_id} has no saved payment method`);
  return { instrument: method.instrument, payment_method_id: method.payment_method_id };
}

type ChargeOptions = {
  isUpdatePaymentMethod?: boolean;
  /** The payment's metadata (change-plan and on-demand charges may set their own); the subscription's by default. */
  metadata?: Metadata;
  retryAttempt?: number;
  /** Off-session: a charge the buyer is not present for (renewals, retries, plan changes, on-demand charges). */
  offSession?: boolean;
};

/** Charges the saved instrument; wallet credit in the subscription's currency pays first and is returned if the charge fails. */
export function chargeSubscription(
  core: SandboxCore,
  subscription: Subscription,
  lines: PaymentLineItem[],
  via: { instrument: TestInstrument; payment_method_id: string },
  options: ChargeOptions = {},
): StoredPayment {
  const customerId = subscription.customer.customer_id;
  const due = lines.reduce((sum, line) => sum + line.amount + line.tax, 0);
  const credit = spendWalletCredit(core, customerId, subscription.currency, due, subscription.subscription_id);
  const payment = recordPayment(core, {
    customer: getCustomer(core, customerId),
    billing: subscription.billing,
    currency: subscription.currency,
    line_items: lines,
    metadata: options.metadata ?? subscription.metadata,
    instrument: via.instrument,
    // A payment-method update is a card authorisation even at 0; otherwise a charge wallet credit covers touches no card.
    outcome:
      due > credit || options.isUpdatePaymentMethod
        ? core.charge(via.instrument, { subscriptionId: subscription.subscription_id, offSession: options.offSession ?? true })
        : { ok: true },
    payment_method_id: via.payment_method_id,
    subscription_ids: [subscription.subscription_id],
    checkout_session_id: null,
    is_update_payment_method: options.isUpdatePaymentMethod ?? false,
    retry_attempt: options.retryAttempt,
    wallet_credit: credit,
  });
  if (payment.status !== 'succeeded' && credit > 0) {
    postWalletEntry(core, { customer_id: customerId, currency: subscription.currency, amount: credit, is_credit: true, event_type: 'payment_reversal', reason: 'The charge failed', reference_object_id: payment.payment_id });
  }
  core.emit(payment.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed', paymentEventData(core, payment));
  return payment;
}

function applyPlan(core: SandboxCore, subscription: Subscription, product: RecurringProduct, quantity: number, addons: AttachAddon[] = []): void {
  subscription.product_id = product.product_id;
  subscription.quantity = quantity;
  subscription.addons = addons;
  subscription.recurring_pre_tax_amount = priceLine(product, quantity, unitPrice(product.price), subscription.billing.country).amount + addonsAmount(core, { addons });
  subscription.payment_frequency_count = product.price.payment_frequency_count;
  subscription.payment_frequency_interval = product.price.payment_frequency_interval;
  subscription.tax_inclusive = product.price.tax_inclusive === true;
  subscription.scheduled_change = null;
}

type BillingEvent = { at: string; subscription: Subscription; kind: 'renewal' | 'retry' };

function dueBillingEvents(core: SandboxCore): BillingEvent[] {
  const events: BillingEvent[] = [];
  for (const subscription of Object.values(core.state.subscriptions)) {
    // On-demand subscriptions bill only when charged.
    if (subscription.status === 'active' && !subscription.on_demand) events.push({ at: subscription.next_billing_date, subscription, kind: 'renewal' });
    const retryAt = core.state.dunning[subscription.subscription_id]?.next_retry_at;
    if (subscription.status === 'past_due' && retryAt) events.push({ at: retryAt, subscription, kind: 'retry' });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** When the next billing event (renewal, trial end, cancellation at period end, renewal retry) is due; null if none. */
export function nextBillingEventAt(core: SandboxCore): string | null {
  return dueBillingEvents(core)[0]?.at ?? null;
}

/** Renews, retries, cancels or expires every subscription whose date has passed on the virtual clock. */
export function runDueBilling(core: SandboxCore): void {
  for (;;) {
    const due = dueBillingEvents(core).find((event) => event.at <= core.now());
    if (!due) return;
    if (due.kind === 'renewal') renewSubscription(core, due.subscription);
    else retryRenewal(core, due.subscription);
  }
}

/** The plan as lines: the product (what the recurring amount leaves after add-ons) and one line per add-on. */
function planLines(core: SandboxCore, subscription: Subscription): PaymentLineItem[] {
  const addons = addonsAmount(core, subscription);
  return [periodLine(core, subscription, subscription.recurring_pre_tax_amount - addons), ...addonLines(core, subscription.addons, subscription.billing.country)];
}

/** Discounts that still apply to a renewal (`cycles_remaining` null means every cycle). */
function activeDiscounts(subscription: Subscription): DiscountDetail[] {
  return (subscription.discounts ?? []).filter((d) => d.cycles_remaining == null || d.cycles_remaining > 0);
}

/** A paid period uses one cycle of each limited discount. */
function spendDiscountCycle(subscription: Subscription): void {
  for (const discount of activeDiscounts(subscription)) {
    if (discount.cycles_remaining != null) discount.cycles_remaining -= 1;
  }
  subscription.discount_cycles_remaining = subscription.discounts?.[0]?.cycles_remaining ?? null;
}

/** What one period bills: the plan and its add-ons (discounted while cycles remain), plus its meters' usage. */
function renewalLines(core: SandboxCore, subscription: Subscription): PaymentLineItem[] {
  return [...applyDiscounts(planLines(core, subscription), activeDiscounts(subscription)).lines, ...meteredLines(core, subscription)];
}

function renewSubscription(core: SandboxCore, subscription: Subscription): void {
  const now = core.now();
  if (subscription.scheduled_change) {
    const { product_id, quantity, addons } = subscription.scheduled_change;
    applyPlan(core, subscription, recurringProduct(core, product_id), quantity, addons.map(({ addon_id, quantity: units }) => ({ addon_id, quantity: units })));
    emitSubscription(core, 'subscription.plan_changed', subscription);
  }
  if (subscription.cancel_at_next_billing_date) {
    subscription.status = 'cancelled';
    subscription.cancelled_at = now;
    emitSubscription(core, 'subscription.cancelled', subscription);
    return;
  }
  if (subscription.expires_at && subscription.expires_at <= subscription.next_billing_date) {
    subscription.status = 'expired';
    emitSubscription(core, 'subscription.expired', subscription);
    return;
  }
  const method = subscription.payment_method_id ? core.state.payment_methods[subscription.payment_method_id] : undefined;
  const payment = method
    ? chargeSubscription(core, subscription, renewalLines(core, subscription), { instrument: method.instrument, payment_method_id: method.payment_method_id })
    : null;
  if (payment?.status === 'succeeded') {
    advancePeriod(subscription);
    emitSubscription(core, 'subscription.renewed', subscription);
    emitSubscription(core, 'subscription.updated', subscription);
    return;
  }
  // A failed renewal is past due while Dodo retries the saved method; on hold once the retries are spent.
  subscription.status = 'past_due';
  core.state.dunning[subscription.subscription_id] = {
    subscription_id: subscription.subscription_id,
    started_at: subscription.next_billing_date,
    retries: 0,
    next_retry_at: addDays(subscription.next_billing_date, RENEWAL_RETRY_DAYS[0]),
    last_payment_id: payment?.payment_id ?? '',
  };
  emitSubscription(core, 'subscription.past_due', subscription);
}

function advancePeriod(subscription: Subscription): void {
  spendDiscountCycle(subscription);
  subscription.previous_billing_date = subscription.next_billing_date;
  subscription.next_billing_date = addInterval(subscription.next_billing_date, subscription.payment_frequency_interval, subscription.payment_frequency_count);
}

function retryRenewal(core: SandboxCore, subscription: Subscription): void {
  const dunning = core.state.dunning[subscription.subscription_id];
  dunning.retries += 1;
  const method = subscription.payment_method_id ? core.state.payment_methods[subscription.payment_method_id] : undefined;
  const payment = method
    ? chargeSubscription(core, subscription, renewalLines(core, subscription), { instrument: method.instrument, payment_method_id: method.payment_method_id }, { retryAttempt: dunning.retries })
    : null;
  if (payment) dunning.last_payment_id = payment.payment_id;
  if (payment?.status === 'succeeded') {
    delete core.state.dunning[subscription.subscription_id];
    subscription.status = 'active';
    advancePeriod(subscription);
    emitSubscription(core, 'subscription.active', subscription);
    emitSubscription(core, 'subscription.renewed', subscription);
    emitSubscription(core, 'subscription.updated', subscription);
    return;
  }
  const nextDays = RENEWAL_RETRY_DAYS[dunning.retries];
  if (nextDays !== undefined) {
    dunning.next_retry_at = addDays(dunning.started_at, nextDays);
    return;
  }
  dunning.next_retry_at = null;
  subscription.status = 'on_hold';
  emitSubscription(core, 'subscription.on_hold', subscription);
  emitDunning(core, 'dunning.started', subscription, dunning);
}

function emitDunning(core: SandboxCore, type: 'dunning.started' | 'dunning.recovered', subscription: Subscription, dunning: DunningRecord): void {
  core.emit(type, {
    payload_type: 'DunningAttempt',
    brand_id: core.state.brand_id,
    created_at: dunning.started_at,
    customer_id: subscription.customer.customer_id,
    status: type === 'dunning.started' ? 'recovering' : 'recovered',
    subscription_id: subscription.subscription_id,
    trigger_state: 'on_hold',
    payment_id: dunning.last_payment_id || null,
  });
}

/** A charge that put the subscription on hold outside the renewal cycle (a declined plan change that still applied). */
function startDunningOnHold(core: SandboxCore, subscription: Subscription, payment: StoredPayment): void {
  const dunning: DunningRecord = { subscription_id: subscription.subscription_id, started_at: core.now(), retries: 0, next_retry_at: null, last_payment_id: payment.payment_id };
  core.state.dunning[subscription.subscription_id] = dunning;
  subscription.status = 'on_hold';
  emitSubscription(core, 'subscription.on_hold', subscription);
  emitDunning(core, 'dunning.started', subscription, dunning);
}

/**
 * Saves a new instrument for the subscription. On hold: charges the overdue period and reactivates it.
 * Active: records a zero-amount authorisation payment, as Dodo does for payment-method updates.
 */
/** A paid overdue charge ends dunning: active again, a fresh period from today, and `dunning.recovered` after a hold. */
export function recoverSubscription(core: SandboxCore, subscription: Subscription, payment: StoredPayment): void {
  const now = core.now();
  const dunning = core.state.dunning[subscription.subscription_id];
  delete core.state.dunning[subscription.subscription_id];
  const wasOnHold = subscription.status === 'on_hold';
  subscription.status = 'active';
  subscription.previous_billing_date = now;
  subscription.next_billing_date = addInterval(now, subscription.payment_frequency_interval, subscription.payment_frequency_count);
  emitSubscription(core, 'subscription.active', subscription);
  if (wasOnHold && dunning) emitDunning(core, 'dunning.recovered', subscription, { ...dunning, last_payment_id: payment.payment_id });
}

export function applyNewPaymentMethod(core: SandboxCore, subscription: Subscription, instrument: TestInstrument, existingMethodId?: string): StoredPayment {
  if (subscription.status !== 'active' && subscription.status !== 'on_hold' && subscription.status !== 'past_due') {
    throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  }
  const overdue = subscription.status !== 'active';
  const line = overdue ? periodLine(core, subscription) : periodLine(core, subscription, 0);
  const methodId =
    existingMethodId ?? savePaymentMethod(core, { customer_id: subscription.customer.customer_id, instrument }).payment_method_id;
  // The buyer is present (they entered the instrument), so this is an on-session charge.
  const payment = chargeSubscription(core, subscription, [line], { instrument, payment_method_id: methodId }, { isUpdatePaymentMethod: true, offSession: false });
  if (payment.status !== 'succeeded') return payment;
  subscription.payment_method_id = methodId;
  subscription.has_payment_method = true;
  if (overdue) recoverSubscription(core, subscription, payment);
  emitSubscription(core, 'subscription.update_payment_method', subscription);
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

/**
 * The charge of a plan change as lines: when only add-ons grow (buying seats), one line per add-on carrying its own
 * prorated difference, so the payment shows what was bought; any other change is one line for the plan.
 */
function chargeLines(core: SandboxCore, before: Subscription, after: Subscription, due: { amount: number; proration_factor: number }): PaymentLineItem[] {
  const samePlan = before.product_id === after.product_id && before.quantity === after.quantity;
  const grown = after.addons
    .map(({ addon_id, quantity }) => ({ addon_id, quantity: quantity - (before.addons.find((a) => a.addon_id === addon_id)?.quantity ?? 0) }))
    .filter((a) => a.quantity > 0);
  const shrunk = before.addons.some((a) => (after.addons.find((b) => b.addon_id === a.addon_id)?.quantity ?? 0) < a.quantity);
  if (!samePlan || shrunk || !grown.length) return [periodLine(core, after, due.amount)];
  const lines = addonLines(core, grown, after.billing.country);
  const full = lines.reduce((sum, l) => sum + l.amount, 0);
  // Each line its share of the prorated amount; the last takes the rounding, so the lines add up to it.
  let left = due.amount;
  return lines.map((line, i) => {
    const amount = i === lines.length - 1 ? left : Math.round((due.amount * line.amount) / full);
    left -= amount;
    return { ...line, amount, tax: Math.round((amount * taxRatePercent(after.billing.country)) / 100) };
  });
}

/** The amount due now and the downgrade credit, in minor units before tax, for each proration mode. */
function amountDueForPlanChange(
  core: SandboxCore,
  subscription: Subscription,
  newPreTaxAmount: number,
  mode: ProrationMode,
): { amount: number; credit: number; proration_factor: number } {
  const old = subscription.recurring_pre_tax_amount;
  if (mode === 'do_not_bill') return { amount: 0, credit: 0, proration_factor: 0 };
  if (mode === 'full_immediately') return { amount: newPreTaxAmount, credit: 0, proration_factor: 1 };
  if (mode === 'difference_immediately') return { amount: Math.max(0, newPreTaxAmount - old), credit: Math.max(0, old - newPreTaxAmount), proration_factor: 1 };
  const start = new Date(subscription.previous_billing_date).getTime();
  const end = new Date(subscription.next_billing_date).getTime();
  const remaining = end > start ? Math.min(1, Math.max(0, (end - new Date(core.now()).getTime()) / (end - start))) : 0;
  const difference = Math.round((newPreTaxAmount - old) * remaining);
  return { amount: Math.max(0, difference), credit: Math.max(0, -difference), proration_factor: remaining };
}

type ProrationMode = 'prorated_immediately' | 'full_immediately' | 'difference_immediately' | 'do_not_bill';

const changePlanSchema = z.object({
  product_id: z.string(),
  quantity: z.number().int().positive(),
  proration_billing_mode: z.enum(['prorated_immediately', 'full_immediately', 'difference_immediately', 'do_not_bill']),
  effective_at: z.enum(['immediately', 'next_billing_date']).optional(),
  on_payment_failure: z.enum(['prevent_change', 'apply_change']).nullish(),
  metadata: metadataSchema.nullish(),
  cancel_scheduled_change_plan: z.boolean().optional(),
  adaptive_currency_fees_inclusive: z.boolean().nullish(),
  addons: attachAddonsSchema.nullish(),
  collect_via_payment_link: z.boolean().optional(),
  discount_code: z.string().nullish(),
  discount_codes: z.array(z.string()).nullish(),
});

/** Plan-change options whose behaviour the sandbox does not emulate: refused rather than silently ignored. */
function refuseUnemulatedPlanChangeOptions(input: z.infer<typeof changePlanSchema>): void {
  const unemulated = [
    input.collect_via_payment_link && 'collect_via_payment_link',
    (input.discount_code || input.discount_codes?.length) && 'discount codes',
  ].filter(Boolean);
  if (unemulated.length) throw new SandboxError(501, 'NOT_IMPLEMENTED', `change-plan with ${unemulated.join(', ')} is not implemented by the sandbox`);
}

type PlanChangeQuote = {
  product: RecurringProduct;
  quantity: number;
  effective_at: string;
  scheduled: boolean;
  resets_cycle: boolean;
  proration_factor: number;
  /** The charge now: the plan's line and one per add-on whose change costs something; empty when nothing is billed. */
  lines: PaymentLineItem[];
  /** Pre-tax credit a downgrade adds to the customer's wallet (prorated and difference modes). */
  credit: number;
  /** Wallet credit that pays part of the charge (negative `customer_credits` in the preview). */
  credit_applied: number;
  new_plan: Subscription;
};

function quotePlanChange(core: SandboxCore, subscription: Subscription, input: z.infer<typeof changePlanSchema>): PlanChangeQuote {
  refuseUnemulatedPlanChangeOptions(input);
  if (subscription.status !== 'active') {
    throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION_PLAN_CHANGE_NOT_SUPPORTED', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  }
  if (subscription.scheduled_change && !input.cancel_scheduled_change_plan) {
    throw new SandboxError(409, 'SCHEDULED_PLAN_CHANGE_EXISTS', `Subscription ${subscription.subscription_id} already has a scheduled plan change (${subscription.scheduled_change.id}); cancel it or pass cancel_scheduled_change_plan`);
  }
  const product = recurringProduct(core, input.product_id);
  const scheduled = input.effective_at === 'next_billing_date';
  const newPlan = structuredClone(subscription);
  // The SDK: leaving `addons` empty removes the existing ones.
  applyPlan(core, newPlan, product, input.quantity, checkAddons(core, product, input.addons ?? []));
  const resetsCycle = !scheduled && input.proration_billing_mode === 'full_immediately';
  const due = scheduled ? { amount: 0, credit: 0, proration_factor: 0 } : amountDueForPlanChange(core, subscription, newPlan.recurring_pre_tax_amount, input.proration_billing_mode);
  const now = core.now();
  if (resetsCycle) {
    newPlan.previous_billing_date = now;
    newPlan.next_billing_date = addInterval(now, newPlan.payment_frequency_interval, newPlan.payment_frequency_count);
  }
  const lines = due.amount > 0 ? chargeLines(core, subscription, newPlan, due) : [];
  const charged = lines.reduce((sum, l) => sum + l.amount + l.tax, 0);
  const available = walletBalance(core, subscription.customer.customer_id, subscription.currency);
  return {
    product,
    quantity: input.quantity,
    scheduled,
    effective_at: scheduled ? subscription.next_billing_date : now,
    resets_cycle: resetsCycle,
    proration_factor: due.proration_factor,
    lines,
    credit: due.credit,
    credit_applied: Math.min(available, charged),
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
      addons: quote.new_plan.addons.map((a) => ({ ...a, name: core.state.addons[a.addon_id]?.name ?? a.addon_id })),
      created_at: core.now(),
      effective_at: quote.effective_at,
    };
    emitSubscription(core, 'subscription.updated', subscription);
    return { payment_id: null, client_secret: null, expires_on: null, payment_link: null };
  }
  // `metadata` is the payment's (the SDK: "Metadata for the payment"); the subscription keeps its own.
  const payment = quote.lines.length
    ? chargeSubscription(core, subscription, quote.lines, savedInstrument(core, subscription), { metadata: input.metadata ?? subscription.metadata })
    : null;
  const failed = payment !== null && payment.status !== 'succeeded';
  // No on_payment_failure: the business default, which the sandbox takes to be the SDK's documented default, apply_change.
  if (failed && input.on_payment_failure === 'prevent_change') {
    throw new SandboxError(422, 'PAYMENT_FAILED', `The plan change charge failed (payment ${payment.payment_id}: ${payment.error_code}); the plan was not changed`);
  }
  if (quote.credit > 0) {
    postWalletEntry(core, {
      customer_id: subscription.customer.customer_id,
      currency: subscription.currency,
      amount: quote.credit,
      is_credit: true,
      event_type: 'refund',
      reason: `Downgrade proration credit (${subscription.product_id} → ${quote.product.product_id})`,
      reference_object_id: subscription.subscription_id,
    });
  }
  Object.assign(subscription, {
    product_id: quote.new_plan.product_id,
    quantity: quote.new_plan.quantity,
    addons: quote.new_plan.addons,
    recurring_pre_tax_amount: quote.new_plan.recurring_pre_tax_amount,
    payment_frequency_count: quote.new_plan.payment_frequency_count,
    payment_frequency_interval: quote.new_plan.payment_frequency_interval,
    tax_inclusive: quote.new_plan.tax_inclusive,
    previous_billing_date: quote.new_plan.previous_billing_date,
    next_billing_date: quote.new_plan.next_billing_date,
    scheduled_change: null,
  });
  emitSubscription(core, 'subscription.plan_changed', subscription);
  if (failed) startDunningOnHold(core, subscription, payment);
  return { payment_id: payment?.payment_id ?? null, client_secret: null, expires_on: null, payment_link: null };
}

function previewPlanChange(core: SandboxCore, subscription: Subscription, body: unknown): SubscriptionPreviewChangePlanResponse {
  const quote = quotePlanChange(core, subscription, parseBody(changePlanSchema, body));
  const amount = quote.lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = quote.lines.reduce((sum, l) => sum + l.tax, 0);
  const taxRate = taxRatePercent(subscription.billing.country);
  const common = { currency: subscription.currency, proration_factor: quote.proration_factor, tax_inclusive: quote.new_plan.tax_inclusive, tax_rate: taxRate };
  return {
    new_plan: quote.new_plan,
    immediate_charge: {
      effective_at: quote.effective_at,
      line_items: quote.lines.map((line) => {
        const addon = core.state.addons[line.items_id];
        return addon
          ? { ...common, type: 'addon' as const, id: addon.id, name: addon.name, description: addon.description ?? null, quantity: line.quantity, unit_price: addon.price, tax_category: addon.tax_category, tax: line.tax }
          : {
              ...common,
              type: 'subscription' as const,
              id: subscription.subscription_id,
              product_id: quote.product.product_id,
              name: quote.product.name ?? null,
              description: quote.product.description ?? null,
              quantity: quote.quantity,
              unit_price: unitPrice(quote.product.price),
              tax: line.tax,
            };
      }),
      summary: {
        currency: subscription.currency,
        customer_credits: quote.credit - quote.credit_applied,
        settlement_amount: amount + tax - quote.credit_applied,
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
  cancel_reason: z
    .enum(['cancelled_by_customer', 'cancelled_by_merchant', 'cancelled_by_merchant_send_dunning', 'cancelled_by_merchant_grace_period_expired', 'dodo_team'])
    .nullish(),
  cancellation_comment: z.string().nullish(),
  cancellation_feedback: z
    .enum(['too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'low_quality', 'too_complex', 'other'])
    .nullish(),
  credit_entitlement_cart: z.array(z.unknown()).nullish(),
  customer_business_name: z.string().nullish(),
  customer_name: z.string().nullish(),
  disable_on_demand: z.object({ next_billing_date: z.iso.datetime({ offset: true }) }).nullish(),
  metadata: metadataSchema.nullish(),
  next_billing_date: z.iso.datetime({ offset: true }).nullish(),
  pause: z.boolean().nullish(),
  status: z.enum(SUBSCRIPTION_STATUSES).nullish(),
  subscription_period_count: z.number().int().positive().nullish(),
  subscription_period_interval: timeIntervalSchema.nullish(),
  tax_id: z.string().nullish(),
});

const ENDED_STATUSES = new Set(['cancelled', 'expired', 'failed']);

/** How far a requested `next_billing_date` may lie before now and still mean "now" (a client's clock and latency). */
const NEXT_BILLING_DATE_SLACK_MS = 5 * 60_000;

export function cancelSubscriptionNow(core: SandboxCore, subscription: Subscription): void {
  if (ENDED_STATUSES.has(subscription.status)) {
    throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Subscription ${subscription.subscription_id} is already ${subscription.status}`);
  }
  delete core.state.dunning[subscription.subscription_id];
  subscription.status = 'cancelled';
  subscription.cancelled_at = core.now();
  emitSubscription(core, 'subscription.cancelled', subscription);
}

function invalidBody(message: string): SandboxError {
  return new SandboxError(422, 'INVALID_REQUEST_BODY', message);
}

/** `status: paused | active` must come alone (SDK 2.52); `pause` was removed and always fails. */
function pauseOrResume(core: SandboxCore, subscription: Subscription, status: 'paused' | 'active'): Subscription {
  if (status === 'paused') {
    if (subscription.status !== 'active') throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Only an active subscription can be paused (this one is ${subscription.status})`);
    subscription.status = 'paused';
    subscription.paused_at = core.now();
    emitSubscription(core, 'subscription.paused', subscription);
  } else {
    if (subscription.status !== 'paused') throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Only a paused subscription can be resumed (this one is ${subscription.status})`);
    subscription.status = 'active';
    subscription.paused_at = null;
    // Billing resumes from today: the paused stretch is not charged.
    if (subscription.next_billing_date < core.now()) subscription.next_billing_date = core.now();
    emitSubscription(core, 'subscription.unpaused', subscription);
  }
  emitSubscription(core, 'subscription.updated', subscription);
  return subscription;
}

function updateSubscription(core: SandboxCore, subscription: Subscription, body: unknown): Subscription {
  const input = parseBody(subscriptionUpdateSchema, body);
  if (input.pause != null) throw invalidBody('pause was removed: send status: paused to pause and status: active to resume');
  const given = Object.entries(input).filter(([, value]) => value !== undefined).map(([key]) => key);
  if (input.status === 'paused' || input.status === 'active') {
    if (given.length > 1) throw invalidBody(`status: ${input.status} must be sent alone (got ${given.join(', ')})`);
    return pauseOrResume(core, subscription, input.status);
  }
  if (input.status && input.status !== 'cancelled') throw invalidBody(`status can be set to paused, active or cancelled (got '${input.status}')`);
  if (input.credit_entitlement_cart?.length || input.disable_on_demand) {
    throw new SandboxError(501, 'NOT_IMPLEMENTED', 'PATCH /subscriptions with credit_entitlement_cart or disable_on_demand is not implemented by the sandbox');
  }
  const cancelling = input.status === 'cancelled' || input.cancel_at_next_billing_date === true;
  if (!cancelling && (input.cancel_reason || input.cancellation_comment || input.cancellation_feedback)) {
    throw invalidBody('cancel_reason, cancellation_comment and cancellation_feedback are only valid when cancelling or scheduling a cancellation');
  }
  if (input.cancel_at_next_billing_date != null && ENDED_STATUSES.has(subscription.status)) {
    throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  }
  const nextBillingDate = input.next_billing_date ? new Date(input.next_billing_date).toISOString() : null;
  const now = core.now();
  // "Now" is whichever clock is earlier: a client's wall clock may trail the sandbox's advanced virtual clock.
  const earliestNow = Math.min(Date.parse(now), Date.now());
  if (nextBillingDate && Date.parse(nextBillingDate) < earliestNow - NEXT_BILLING_DATE_SLACK_MS) throw invalidBody('next_billing_date must not be in the past');
  const period = periodExtension(subscription, input.subscription_period_count ?? null, input.subscription_period_interval ?? null);

  if (input.cancel_at_next_billing_date != null) subscription.cancel_at_next_billing_date = input.cancel_at_next_billing_date;
  if (input.billing) subscription.billing = completeBilling(input.billing as BillingAddress);
  if (input.metadata) subscription.metadata = input.metadata;
  if (input.customer_name) subscription.customer.name = input.customer_name;
  if (input.customer_business_name !== undefined) subscription.customer_business_name = input.customer_business_name;
  if (input.tax_id !== undefined) subscription.tax_id = input.tax_id;
  if (input.cancellation_comment !== undefined) subscription.cancellation_comment = input.cancellation_comment;
  if (input.cancellation_feedback !== undefined) subscription.cancellation_feedback = input.cancellation_feedback;
  if (period) Object.assign(subscription, period);
  if (nextBillingDate) subscription.next_billing_date = nextBillingDate < now ? now : nextBillingDate;
  if (input.status === 'cancelled') cancelSubscriptionNow(core, subscription);
  emitSubscription(core, 'subscription.updated', subscription);
  // A billing date of now renews at once, as Dodo's renewal-failure recipe relies on.
  if (subscription.status === 'active' && subscription.next_billing_date <= now) runDueBilling(core);
  return subscription;
}

/** A longer subscription term; the SDK only extends (a shorter one is refused). */
function periodExtension(
  subscription: Subscription,
  count: number | null,
  interval: Subscription['subscription_period_interval'] | null,
): Pick<Subscription, 'subscription_period_count' | 'subscription_period_interval' | 'expires_at'> | null {
  if (count === null && interval === null) return null;
  const next = { count: count ?? subscription.subscription_period_count, interval: interval ?? subscription.subscription_period_interval };
  const expiresAt = addInterval(subscription.created_at, next.interval, next.count);
  const currentEnd = addInterval(subscription.created_at, subscription.subscription_period_interval, subscription.subscription_period_count);
  if (expiresAt < currentEnd) throw invalidBody('the subscription period can only be extended, not shortened');
  return { subscription_period_count: next.count, subscription_period_interval: next.interval, expires_at: expiresAt };
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

const onDemandChargeSchema = z.object({
  product_price: z.number().int().positive(),
  adaptive_currency_fees_inclusive: z.boolean().nullish(),
  customer_balance_config: z.object({ allow_customer_credits_purchase: z.boolean().nullish(), allow_customer_credits_usage: z.boolean().nullish() }).nullish(),
  metadata: metadataSchema.nullish(),
  product_currency: currencySchema.nullish(),
  product_description: z.string().nullish(),
});

/** `POST /subscriptions/{id}/charge`: an on-demand subscription is billed only when the merchant charges it. */
function chargeOnDemand(core: SandboxCore, subscription: Subscription, body: unknown): SubscriptionChargeResponse {
  const input = parseBody(onDemandChargeSchema, body);
  if (!subscription.on_demand) throw new SandboxError(422, 'SUBSCRIPTION_NOT_ON_DEMAND', `Subscription ${subscription.subscription_id} is not on-demand`);
  if (subscription.status !== 'active') throw new SandboxError(422, 'INACTIVE_SUBSCRIPTION', `Subscription ${subscription.subscription_id} is ${subscription.status}`);
  if (input.product_currency && input.product_currency !== subscription.currency) {
    throw new SandboxError(422, 'INVALID_REQUEST_BODY', `product_currency must be the subscription's currency ${subscription.currency} (adaptive currency is not emulated)`);
  }
  const product = core.state.products[subscription.product_id];
  const line = { ...periodLine(core, subscription, input.product_price), quantity: 1, description: input.product_description ?? product?.description ?? null };
  const payment = chargeSubscription(core, subscription, [line], savedInstrument(core, subscription), { metadata: input.metadata ?? subscription.metadata });
  return { payment_id: payment.payment_id };
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
        status: enumFilter(query, 'status', SUBSCRIPTION_STATUSES),
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
    .post('/subscriptions/:id/update-payment-method', ({ params, body }) => updatePaymentMethod(core, getSubscription(core, params.id), body))
    .delete('/subscriptions/:id/change-plan/scheduled', ({ params }) => {
      const subscription = getSubscription(core, params.id);
      if (!subscription.scheduled_change) throw new SandboxError(404, 'NOT_FOUND', `Subscription ${params.id} has no scheduled plan change`);
      subscription.scheduled_change = null;
      emitSubscription(core, 'subscription.updated', subscription);
      return new Reply(200, undefined);
    })
    .post('/subscriptions/:id/charge', ({ params, body }) => chargeOnDemand(core, getSubscription(core, params.id), body));
}
