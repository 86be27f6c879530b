// Checkout sessions: `POST /checkouts`, `GET /checkouts/{id}`, and what the hosted page does (view, totals, pay).
import { z } from 'zod';
import type { CheckoutSessionResponse, CheckoutSessionStatus } from 'dodopayments/resources/checkout-sessions';
import type { BillingAddress } from 'dodopayments/resources/payments';
import type { Subscription } from 'dodopayments/resources/subscriptions';
import { SandboxError, type CheckoutLineView, type CheckoutSessionView, type CheckoutTotals, type PayInput, type PayResult } from '../engine';
import type { SandboxCore } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { addDays, isRecurringPrice, lineTotal, priceLine, taxRatePercent, unitPrice } from '../core/pricing';
import type { PaymentLineItem, StoredCheckoutSession, StoredProduct } from '../core/state';
import { parseInstrument } from '../core/test-instruments';
import { findOrCreateCustomer, getCustomer, savePaymentMethod } from './customers';
import { issueLicenseKey } from './license-keys';
import { completeBilling, paymentEventData, recordPayment } from './payments';
import { purchasableProduct } from './products';
import { billingAddressSchema, currencySchema, metadataSchema } from './schemas';
import { applyNewPaymentMethod, createSubscription, getSubscription, recurringProduct, subscriptionEventData, trialDaysFor } from './subscriptions';

/** Dodo's checkout sessions live 24 hours. */
const SESSION_LIFETIME_DAYS = 1;
/** Billing country when neither the session nor the buyer gave one (the control API's `complete`). */
const DEFAULT_BILLING_COUNTRY = 'US';

const checkoutCreateSchema = z.object({
  product_cart: z
    .array(z.object({ product_id: z.string(), quantity: z.number().int().positive(), amount: z.number().int().nonnegative().nullish() }))
    .min(1, 'the sandbox needs at least one product (product collections are not emulated)')
    .max(20),
  customer: z
    .union([
      z.object({ customer_id: z.string() }),
      z.object({ email: z.email(), name: z.string().nullish(), phone_number: z.string().nullish() }),
    ])
    .nullish(),
  billing_address: billingAddressSchema.nullish(),
  billing_currency: currencySchema.nullish(),
  return_url: z.url().nullish(),
  cancel_url: z.url().nullish(),
  metadata: metadataSchema.nullish(),
  subscription_data: z.object({ trial_period_days: z.number().int().nonnegative().nullish() }).nullish(),
  feature_flags: z.object({ always_create_new_customer: z.boolean().optional() }).loose().optional(),
  confirm: z.boolean().optional(),
  discount_code: z.string().nullish(),
  discount_codes: z.array(z.string()).nullish(),
  payment_method_id: z.string().nullish(),
  product_collection_id: z.string().nullish(),
});

/** Request options whose behaviour the sandbox does not emulate: refused rather than silently ignored. */
function refuseUnemulatedOptions(input: z.infer<typeof checkoutCreateSchema>): void {
  const unemulated = [
    input.confirm === true && 'confirm: true',
    (input.discount_code || input.discount_codes?.length) && 'discount codes',
    input.payment_method_id && 'payment_method_id',
    input.product_collection_id && 'product_collection_id',
  ].filter(Boolean);
  if (unemulated.length) throw new SandboxError(501, 'NOT_IMPLEMENTED', `POST /checkouts with ${unemulated.join(', ')} is not implemented by the sandbox`);
}

function createCheckoutSession(core: SandboxCore, body: unknown): CheckoutSessionResponse {
  const input = parseBody(checkoutCreateSchema, body);
  refuseUnemulatedOptions(input);
  const products = input.product_cart.map((item) => purchasableProduct(core, item.product_id));
  const currencies = new Set(products.map((p) => p.price.currency));
  if (currencies.size > 1) throw new SandboxError(422, 'MIXED_CURRENCIES', 'All products in a cart must share one currency');
  const customer = input.customer && 'customer_id' in input.customer ? getCustomer(core, input.customer.customer_id) : null;
  const newCustomer = input.customer && 'email' in input.customer ? input.customer : null;
  const now = core.now();
  const session: StoredCheckoutSession = {
    session_id: newId(ID_PREFIX.checkoutSession),
    created_at: now,
    expires_at: addDays(now, SESSION_LIFETIME_DAYS),
    purpose: { kind: 'purchase' },
    product_cart: input.product_cart.map((item) => ({ product_id: item.product_id, quantity: item.quantity, amount: item.amount ?? null })),
    customer_id: customer?.customer_id ?? null,
    customer_email: customer?.email ?? newCustomer?.email ?? null,
    customer_name: customer?.name ?? newCustomer?.name ?? null,
    always_create_new_customer: input.feature_flags?.always_create_new_customer ?? false,
    billing_address: input.billing_address ? completeBilling(input.billing_address as BillingAddress) : null,
    currency: products[0].price.currency,
    return_url: input.return_url ?? null,
    cancel_url: input.cancel_url ?? null,
    metadata: input.metadata ?? {},
    trial_period_days: input.subscription_data?.trial_period_days ?? null,
    status: 'open',
    payment_id: null,
    subscription_ids: [],
    last_error: null,
  };
  core.state.checkout_sessions[session.session_id] = session;
  return {
    session_id: session.session_id,
    checkout_url: `${core.checkoutBaseUrl}/session/${session.session_id}`,
    client_secret: null,
    payment_id: null,
    publishable_key: null,
  };
}

function getSession(core: SandboxCore, sessionId: string): StoredCheckoutSession {
  const session = core.state.checkout_sessions[sessionId];
  if (!session) throw notFound('Checkout session', sessionId);
  return session;
}

function sessionStatus(core: SandboxCore, session: StoredCheckoutSession): CheckoutSessionView['status'] {
  if (session.status === 'succeeded') return 'succeeded';
  return session.expires_at <= core.now() ? 'expired' : 'open';
}

function toStatus(core: SandboxCore, session: StoredCheckoutSession): CheckoutSessionStatus {
  const payment = session.payment_id ? core.state.payments[session.payment_id] : undefined;
  return {
    id: session.session_id,
    created_at: session.created_at,
    customer_email: payment?.customer.email ?? session.customer_email,
    customer_name: payment?.customer.name ?? session.customer_name,
    payment_id: session.payment_id,
    payment_status: payment?.status ?? null,
  };
}

type CartLine = { product: StoredProduct; quantity: number; unit_price: number; trial_period_days: number; subscription: Subscription | null };

/** The cart as priced lines; an update-payment-method session bills the overdue period of an on-hold subscription. */
function cartLines(core: SandboxCore, session: StoredCheckoutSession): CartLine[] {
  if (session.purpose.kind === 'update_payment_method') {
    const subscription = getSubscription(core, session.purpose.subscription_id);
    const product = core.state.products[subscription.product_id];
    const due = subscription.status === 'on_hold' ? subscription.recurring_pre_tax_amount : 0;
    return [{ product, quantity: subscription.quantity, unit_price: due / subscription.quantity, trial_period_days: 0, subscription }];
  }
  return session.product_cart.map((item) => {
    const product = core.state.products[item.product_id];
    const trialDays = trialDaysFor(product, session.trial_period_days);
    return { product, quantity: item.quantity, unit_price: item.amount ?? unitPrice(product.price), trial_period_days: trialDays, subscription: null };
  });
}

/** What is charged today: a line in its trial costs nothing. */
function chargeableLines(lines: CartLine[], country: string): PaymentLineItem[] {
  return lines.map((line) => priceLine(line.product, line.quantity, line.trial_period_days > 0 ? 0 : line.unit_price, country));
}

export function checkoutSessionView(core: SandboxCore, sessionId: string): CheckoutSessionView | null {
  const session = core.state.checkout_sessions[sessionId];
  if (!session) return null;
  return {
    session_id: session.session_id,
    status: sessionStatus(core, session),
    product_cart: cartLines(core, session).map((line): CheckoutLineView => {
      const interval = isRecurringPrice(line.product.price) ? line.product.price.payment_frequency_interval : undefined;
      return {
        product_id: line.product.product_id,
        name: line.product.name ?? line.product.product_id,
        quantity: line.quantity,
        unit_price: line.unit_price,
        is_subscription: line.product.is_recurring,
        ...(interval === 'Month' || interval === 'Year' ? { interval } : {}),
        trial_period_days: line.trial_period_days,
      };
    }),
    currency: session.currency,
    customer: session.customer_email ? { email: session.customer_email, name: session.customer_name ?? '' } : null,
    billing_country: session.billing_address?.country ?? null,
    return_url: session.return_url,
    cancel_url: session.cancel_url,
    payment_id: session.payment_id,
    subscription_id: session.subscription_ids[0] ?? null,
    last_error: session.last_error,
  };
}

export function checkoutTotals(core: SandboxCore, sessionId: string, country: string): CheckoutTotals | null {
  const session = core.state.checkout_sessions[sessionId];
  if (!session) return null;
  const lines = chargeableLines(cartLines(core, session), country);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  const total = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  return { subtotal: total - tax, tax, total, tax_rate: taxRatePercent(country), currency: session.currency };
}

function redirectUrl(session: StoredCheckoutSession, paymentId: string): string | null {
  if (!session.return_url) return null;
  const url = new URL(session.return_url);
  url.searchParams.set('payment_id', paymentId);
  url.searchParams.set('status', 'succeeded');
  if (session.subscription_ids[0]) url.searchParams.set('subscription_id', session.subscription_ids[0]);
  return url.toString();
}

/** One buyer attempt on the hosted page. A failure leaves the session open for another try. */
export function payCheckoutSession(core: SandboxCore, sessionId: string, input: PayInput): PayResult {
  const session = getSession(core, sessionId);
  const status = sessionStatus(core, session);
  if (status !== 'open') throw new SandboxError(409, status === 'succeeded' ? 'ALREADY_PAID' : 'CHECKOUT_EXPIRED', `Checkout session ${sessionId} is ${status}`);
  if (input.card_number && input.upi_id) throw new SandboxError(422, 'INVALID_PAYMENT_METHOD', 'Give either card_number or upi_id, not both');
  const instrument = parseInstrument(input);
  if (!instrument) throw new SandboxError(422, 'INVALID_PAYMENT_METHOD', 'A card number (12-19 digits) or a UPI id (name@bank) is required');
  const email = session.customer_email ?? input.email;
  if (!email || !z.email().safeParse(email).success) throw new SandboxError(422, 'INVALID_EMAIL', 'A valid customer email is required');
  const country = (input.billing_address?.country ?? session.billing_address?.country ?? DEFAULT_BILLING_COUNTRY).toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new SandboxError(422, 'INVALID_COUNTRY', `Unknown billing country '${country}'`);
  const billing = input.billing_address ? completeBilling({ ...input.billing_address, country: country as BillingAddress['country'] }) : (session.billing_address ?? completeBilling({ country: country as BillingAddress['country'] }));

  if (session.purpose.kind === 'update_payment_method') {
    const payment = applyNewPaymentMethod(core, getSubscription(core, session.purpose.subscription_id), instrument);
    return settleAttempt(session, payment.payment_id, payment.status === 'succeeded' ? null : { code: payment.error_code ?? 'GENERIC_DECLINE', message: payment.error_message ?? '' });
  }

  const customer = session.customer_id
    ? getCustomer(core, session.customer_id)
    : findOrCreateCustomer(core, { email, name: session.customer_name ?? input.name }, session.always_create_new_customer);
  session.customer_id = customer.customer_id;
  session.customer_email = customer.email;
  session.customer_name = customer.name;
  const lines = cartLines(core, session);
  const outcome = core.charge(instrument);
  const paymentBase = {
    customer,
    billing,
    currency: session.currency,
    line_items: chargeableLines(lines, country),
    metadata: session.metadata,
    instrument,
    outcome,
    checkout_session_id: session.session_id,
    is_update_payment_method: false,
  };
  if (!outcome.ok) {
    const payment = recordPayment(core, { ...paymentBase, payment_method_id: null, subscription_ids: [] });
    core.emit('payment.failed', paymentEventData(core, payment));
    return settleAttempt(session, payment.payment_id, { code: outcome.error_code, message: outcome.error_message });
  }

  const recurringLines = lines.filter((line) => line.product.is_recurring);
  const paymentMethodId = recurringLines.length ? savePaymentMethod(core, { customer_id: customer.customer_id, instrument }).payment_method_id : null;
  for (const line of recurringLines) {
    line.subscription = createSubscription(core, {
      product: recurringProduct(core, line.product.product_id),
      quantity: line.quantity,
      customer,
      billing,
      metadata: session.metadata,
      trial_period_days: line.trial_period_days,
      payment_method_id: paymentMethodId as string,
    });
  }
  session.subscription_ids = recurringLines.map((line) => (line.subscription as Subscription).subscription_id);
  const payment = recordPayment(core, { ...paymentBase, payment_method_id: paymentMethodId, subscription_ids: session.subscription_ids });
  core.emit('payment.succeeded', paymentEventData(core, payment));
  for (const line of recurringLines) core.emit('subscription.active', subscriptionEventData(line.subscription as Subscription));
  for (const line of lines.filter((l) => l.product.license_key_enabled)) {
    issueLicenseKey(core, {
      product: line.product,
      customer_id: customer.customer_id,
      payment_id: payment.payment_id,
      subscription_id: line.subscription?.subscription_id ?? null,
    });
  }
  return settleAttempt(session, payment.payment_id, null);
}

function settleAttempt(session: StoredCheckoutSession, paymentId: string, error: { code: string; message: string } | null): PayResult {
  session.payment_id = paymentId;
  session.last_error = error;
  if (!error) session.status = 'succeeded';
  return {
    status: error ? 'failed' : 'succeeded',
    payment_id: paymentId,
    subscription_id: session.subscription_ids[0] ?? null,
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
    redirect_url: error ? null : redirectUrl(session, paymentId),
  };
}

export function registerCheckoutRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/checkouts', ({ body }) => createCheckoutSession(core, body))
    .get('/checkouts/:id', ({ params }) => toStatus(core, getSession(core, params.id)));
}
