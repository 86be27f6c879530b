// Checkout sessions: `POST /checkouts`, `GET /checkouts/{id}`, and what the hosted page does (view, totals, pay).
import { z } from 'zod';
import type { CheckoutSessionPreviewResponse, CheckoutSessionResponse, CheckoutSessionStatus } from 'dodopayments/resources/checkout-sessions';
import type { Price } from 'dodopayments/resources/products/products';
import type { CountryCode, MiscListSupportedCountriesResponse } from 'dodopayments/resources/misc';
import { COUNTRIES } from '../checkout/format';
import type { BillingAddress } from 'dodopayments/resources/payments';
import type { Subscription } from 'dodopayments/resources/subscriptions';
import { SandboxError, type CheckoutLineView, type CheckoutLook, type CheckoutSessionView, type CheckoutTotals, type PayInput, type PayResult, type ThreeDsOutcome } from '../engine';
import type { SandboxCore } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { addDays, addInterval, isRecurringPrice, lineTotal, priceLine, taxRatePercent, unitPrice } from '../core/pricing';
import type { PaymentLineItem, StoredCheckoutSession, StoredPayment, StoredProduct } from '../core/state';
import { needsThreeDs, parseInstrument, type ChargeOutcome, type TestInstrument } from '../core/test-instruments';
import { findOrCreateCustomer, getCustomer, savePaymentMethod } from './customers';
import { issueLicenseKey } from './license-keys';
import { completeBilling, paymentEventData, recordPayment } from './payments';
import { purchasableProduct } from './products';
import { billingAddressSchema, currencySchema, metadataSchema } from './schemas';
import { addonLines, attachAddonsSchema, checkAddons } from './addons';
import { applyDiscounts, discountDetails, discountsForCodes } from './discounts';
import type { Discount } from 'dodopayments/resources/discounts';
import type { AttachAddon } from 'dodopayments/resources/subscriptions';
import { applyNewPaymentMethod, createSubscription, getSubscription, recurringProduct, emitSubscription, trialDaysFor } from './subscriptions';

/** Dodo's checkout sessions live 24 hours. */
const SESSION_LIFETIME_DAYS = 1;
/** Billing country when neither the session nor the buyer gave one (the control API's `complete`). */
const DEFAULT_BILLING_COUNTRY = 'US';

const checkoutCreateSchema = z.object({
  product_cart: z
    .array(z.object({ product_id: z.string(), quantity: z.number().int().positive(), amount: z.number().int().nonnegative().nullish(), addons: attachAddonsSchema.nullish() }))
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
  subscription_data: z
    .object({
      trial_period_days: z.number().int().nonnegative().max(10_000).nullish(),
      on_demand: z
        .object({
          mandate_only: z.boolean(),
          product_price: z.number().int().nonnegative().nullish(),
          product_currency: currencySchema.nullish(),
          product_description: z.string().nullish(),
          adaptive_currency_fees_inclusive: z.boolean().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  feature_flags: z.object({ always_create_new_customer: z.boolean().optional() }).loose().optional(),
  confirm: z.boolean().optional(),
  discount_code: z.string().nullish(),
  discount_codes: z.array(z.string()).nullish(),
  payment_method_id: z.string().nullish(),
  product_collection_id: z.string().nullish(),
  allowed_payment_method_types: z.array(z.string()).nullish(),
  custom_fields: z.array(z.unknown()).nullish(),
  customer_business_name: z.string().nullish(),
  customization: z
    .object({
      force_language: z.string().nullish(),
      show_on_demand_tag: z.boolean().optional(),
      show_order_details: z.boolean().optional(),
      theme: z.enum(['dark', 'light', 'system']).nullish(),
      theme_config: z
        .object({
          dark: z.unknown().nullish(),
          light: z.unknown().nullish(),
          font_primary_url: z.string().nullish(),
          font_secondary_url: z.string().nullish(),
          font_size: z.enum(['xs', 'sm', 'md', 'lg', 'xl', '2xl']).nullish(),
          font_weight: z.enum(['normal', 'medium', 'bold', 'extraBold']).nullish(),
          pay_button_text: z.string().max(60).nullish(),
          radius: z.string().regex(/^\d+(\.\d+)?(px|rem|em)$/, 'a CSS length such as 8px').nullish(),
        })
        .nullish(),
    })
    .optional(),
  force_3ds: z.boolean().nullish(),
  mandate_min_amount_inr_paise: z.number().int().nullish(),
  minimal_address: z.boolean().optional(),
  short_link: z.boolean().optional(),
  show_saved_payment_methods: z.boolean().optional(),
  tax_id: z.string().nullish(),
});

/** Dodo's card and UPI method types (the only ones the sandbox's page can take). */
const CARD_METHOD_TYPES = new Set(['credit', 'debit']);
const UPI_METHOD_TYPES = new Set(['upi_collect', 'upi_intent']);

/** Request options whose behaviour the sandbox does not emulate: refused rather than silently ignored. */
function refuseUnemulatedOptions(input: z.infer<typeof checkoutCreateSchema>): void {
  const unemulated = [
    input.confirm === true && 'confirm: true',
    input.payment_method_id && 'payment_method_id',
    input.product_collection_id && 'product_collection_id',
    input.custom_fields?.length && 'custom_fields',
    input.customer_business_name && 'customer_business_name',
    input.tax_id && 'tax_id',
    input.show_saved_payment_methods && 'show_saved_payment_methods',
    input.short_link && 'short_link',
    input.mandate_min_amount_inr_paise != null && 'mandate_min_amount_inr_paise',
    input.customization?.force_language && 'customization.force_language',
    (input.customization?.theme_config?.dark || input.customization?.theme_config?.light) && 'customization.theme_config colours',
    (input.customization?.theme_config?.font_primary_url || input.customization?.theme_config?.font_secondary_url) && 'customization.theme_config fonts',
    input.subscription_data?.on_demand?.product_currency && 'an on-demand product_currency (adaptive currency)',
  ].filter(Boolean);
  if (unemulated.length) throw new SandboxError(501, 'NOT_IMPLEMENTED', `POST /checkouts with ${unemulated.join(', ')} is not implemented by the sandbox`);
}

/** `discount_codes` (stacked, in order) or the deprecated `discount_code`, resolved to valid discounts. */
function sessionDiscountCodes(core: SandboxCore, input: Pick<z.infer<typeof checkoutCreateSchema>, 'discount_code' | 'discount_codes'>): Discount[] {
  if (input.discount_code && input.discount_codes?.length) throw new SandboxError(422, 'INVALID_REQUEST_BODY', 'discount_code and discount_codes cannot be used together');
  const codes = input.discount_codes ?? (input.discount_code ? [input.discount_code] : []);
  if (codes.length > 20) throw new SandboxError(422, 'INVALID_REQUEST_BODY', 'discount_codes: at most 20');
  return discountsForCodes(core, codes);
}

function sessionDiscounts(core: SandboxCore, session: StoredCheckoutSession): Discount[] {
  return (session.discount_ids ?? []).flatMap((id) => core.state.discounts[id] ?? []);
}

/** The emulated methods the session allows; none of them is a 501 (the page would have nothing to offer). */
function allowedMethods(types: string[] | null | undefined): ('card' | 'upi')[] {
  if (!types) return ['card', 'upi'];
  const methods = [types.some((t) => CARD_METHOD_TYPES.has(t)) && 'card', types.some((t) => UPI_METHOD_TYPES.has(t)) && 'upi'].filter(
    (m): m is 'card' | 'upi' => m !== false,
  );
  if (!methods.length) throw new SandboxError(501, 'NOT_IMPLEMENTED', `POST /checkouts allowing only ${types.join(', ')} is not implemented by the sandbox (it takes credit, debit, upi_collect, upi_intent)`);
  return methods;
}

function lookOf(customization: z.infer<typeof checkoutCreateSchema>['customization']): CheckoutLook {
  return {
    theme: customization?.theme ?? 'light',
    font_size: customization?.theme_config?.font_size ?? null,
    font_weight: customization?.theme_config?.font_weight ?? null,
    pay_button_text: customization?.theme_config?.pay_button_text ?? null,
    radius: customization?.theme_config?.radius ?? null,
    show_order_details: customization?.show_order_details ?? true,
  };
}

const DEFAULT_LOOK = lookOf(undefined);

function createCheckoutSession(core: SandboxCore, body: unknown): CheckoutSessionResponse {
  const input = parseBody(checkoutCreateSchema, body);
  refuseUnemulatedOptions(input);
  const onDemand = input.subscription_data?.on_demand ?? null;
  const discounts = sessionDiscountCodes(core, input);
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
    product_cart: input.product_cart.map((item, i) => ({
      product_id: item.product_id,
      quantity: item.quantity,
      amount: item.amount ?? null,
      addons: checkAddons(core, products[i], item.addons ?? []),
    })),
    discount_ids: discounts.map((d) => d.discount_id),
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
    look: lookOf(input.customization),
    methods: allowedMethods(input.allowed_payment_method_types),
    wallets: Boolean(input.allowed_payment_method_types?.some((t) => t === 'apple_pay' || t === 'google_pay')),
    force_3ds: input.force_3ds ?? false,
    on_demand: onDemand && { mandate_only: onDemand.mandate_only, product_price: onDemand.product_price ?? null, product_description: onDemand.product_description ?? null },
  };
  if (onDemand && !products.some((p) => p.is_recurring)) throw new SandboxError(422, 'INVALID_REQUEST_BODY', 'subscription_data.on_demand needs a subscription product in the cart');
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

type CartLine = { product: StoredProduct; quantity: number; unit_price: number; trial_period_days: number; addons: AttachAddon[]; subscription: Subscription | null };

/** The cart as priced lines; an update-payment-method session bills the overdue period of an on-hold subscription. */
function cartLines(core: SandboxCore, session: StoredCheckoutSession): CartLine[] {
  if (session.purpose.kind === 'update_payment_method') {
    const subscription = getSubscription(core, session.purpose.subscription_id);
    const product = core.state.products[subscription.product_id];
    const due = subscription.status === 'on_hold' || subscription.status === 'past_due' ? subscription.recurring_pre_tax_amount : 0;
    return [{ product, quantity: subscription.quantity, unit_price: due / subscription.quantity, trial_period_days: 0, addons: [], subscription }];
  }
  return session.product_cart.map((item) => {
    const product = core.state.products[item.product_id];
    const trialDays = trialDaysFor(product, session.trial_period_days);
    // An on-demand subscription charges its first `product_price` now (nothing when it only sets up the mandate).
    const onDemandPrice = session.on_demand && product.is_recurring ? (session.on_demand.mandate_only ? 0 : (session.on_demand.product_price ?? unitPrice(product.price))) : null;
    return { product, quantity: item.quantity, unit_price: onDemandPrice ?? item.amount ?? unitPrice(product.price), trial_period_days: trialDays, addons: item.addons ?? [], subscription: null };
  });
}

/** What is charged today, each product followed by its add-ons, after the session's discounts: a trial costs nothing. */
function chargeableLines(core: SandboxCore, session: StoredCheckoutSession, lines: CartLine[], country: string): { lines: PaymentLineItem[]; discount: number } {
  const priced = lines.flatMap((line) => {
    const free = line.trial_period_days > 0;
    return [priceLine(line.product, line.quantity, free ? 0 : line.unit_price, country), ...addonLines(core, line.addons, country, free)];
  });
  return applyDiscounts(priced, sessionDiscounts(core, session));
}

export function checkoutSessionView(core: SandboxCore, sessionId: string): CheckoutSessionView | null {
  const session = core.state.checkout_sessions[sessionId];
  if (!session) return null;
  return {
    session_id: session.session_id,
    purpose: session.purpose.kind === 'update_payment_method' ? 'update_payment_method' : 'purchase',
    status: sessionStatus(core, session),
    created_at: session.created_at,
    expires_at: session.expires_at,
    expires_in_seconds: Math.max(0, Math.floor((Date.parse(session.expires_at) - Date.parse(core.now())) / 1000)),
    look: session.look ?? DEFAULT_LOOK,
    methods: session.methods ?? ['card', 'upi'],
    wallets: session.wallets ?? false,
    pending_three_ds_payment_id: session.pending_three_ds?.payment_id ?? null,
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
  const { lines, discount } = chargeableLines(core, session, cartLines(core, session), country);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  const total = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  return { subtotal: total - tax + discount, discount, tax, total, tax_rate: taxRatePercent(country), currency: session.currency };
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
  if (session.pending_three_ds) throw new SandboxError(409, 'THREE_DS_PENDING', `Payment ${session.pending_three_ds.payment_id} is waiting for its 3D Secure challenge`);
  if (input.card_number && input.upi_id) throw new SandboxError(422, 'INVALID_PAYMENT_METHOD', 'Give either card_number or upi_id, not both');
  const instrument = parseInstrument(input);
  if (!instrument) throw new SandboxError(422, 'INVALID_PAYMENT_METHOD', 'A card number (12-19 digits) or a UPI id (name@bank) is required');
  if (!(session.methods ?? ['card', 'upi']).includes(instrument.kind)) {
    throw new SandboxError(422, 'INVALID_PAYMENT_METHOD', `This checkout does not accept ${instrument.kind === 'card' ? 'cards' : 'UPI'} (allowed_payment_method_types)`);
  }
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

  if (needsThreeDs(instrument, session.force_3ds ?? false)) {
    const payment = recordPayment(core, { ...paymentBase(core, session, billing, instrument, { ok: true }), payment_method_id: null, subscription_ids: [], status: 'requires_customer_action' });
    session.pending_three_ds = { payment_id: payment.payment_id, instrument, billing };
    session.payment_id = payment.payment_id;
    if (!input.three_ds) return { status: 'requires_customer_action', payment_id: payment.payment_id, subscription_id: null, error_code: null, error_message: null, redirect_url: null };
    return completeThreeDs(core, sessionId, input.three_ds);
  }
  return chargeCheckout(core, session, billing, instrument, null);
}

function paymentBase(core: SandboxCore, session: StoredCheckoutSession, billing: BillingAddress, instrument: TestInstrument, outcome: ChargeOutcome) {
  return {
    customer: getCustomer(core, session.customer_id as string),
    billing,
    currency: session.currency,
    line_items: chargeableLines(core, session, cartLines(core, session), billing.country).lines,
    discounts: discountDetails(sessionDiscounts(core, session), 1),
    metadata: session.metadata,
    instrument,
    outcome,
    checkout_session_id: session.session_id,
    is_update_payment_method: false,
  };
}

/** The buyer's answer to the 3D Secure challenge: pass charges the card, fail and cancel end this payment. */
export function completeThreeDs(core: SandboxCore, sessionId: string, outcome: ThreeDsOutcome): PayResult {
  const session = getSession(core, sessionId);
  const pending = session.pending_three_ds;
  if (!pending) throw new SandboxError(409, 'NO_THREE_DS_PENDING', `Checkout session ${sessionId} has no payment waiting for 3D Secure`);
  session.pending_three_ds = null;
  const payment = core.state.payments[pending.payment_id];
  if (outcome === 'pass') return chargeCheckout(core, session, pending.billing, pending.instrument, payment);
  const cancelled = outcome === 'cancel';
  const error = cancelled
    ? { code: 'PAYMENT_CANCELLED', message: 'The customer cancelled the 3D Secure challenge.' }
    : { code: 'AUTHENTICATION_FAILED', message: 'The 3D Secure authentication failed.' };
  Object.assign(payment, { status: cancelled ? 'cancelled' : 'failed', error_code: error.code, error_message: error.message, updated_at: core.now() });
  core.emit(cancelled ? 'payment.cancelled' : 'payment.failed', paymentEventData(core, payment));
  if (!cancelled) failSubscriptionsOf(core, session, pending.billing);
  const result = settleAttempt(session, payment.payment_id, error);
  return cancelled ? { ...result, status: 'cancelled' } : result;
}

/**
 * Charges the card or UPI id (UPI first reports `payment.processing`). `existing` is the payment a passed 3DS challenge
 * settles; otherwise a new one is recorded.
 */
function chargeCheckout(core: SandboxCore, session: StoredCheckoutSession, billing: BillingAddress, instrument: TestInstrument, existing: StoredPayment | undefined | null): PayResult {
  const lines = cartLines(core, session);
  const outcome = core.charge(instrument, { offSession: false });
  const base = paymentBase(core, session, billing, instrument, outcome);
  const recurringLines = lines.filter((line) => line.product.is_recurring);
  const paymentMethodId = outcome.ok && recurringLines.length ? savePaymentMethod(core, { customer_id: base.customer.customer_id, instrument }).payment_method_id : null;
  if (outcome.ok) {
    for (const line of recurringLines) {
      line.subscription = createSubscription(core, {
        product: recurringProduct(core, line.product.product_id),
        quantity: line.quantity,
        customer: base.customer,
        billing,
        metadata: session.metadata,
        trial_period_days: line.trial_period_days,
        payment_method_id: paymentMethodId as string,
        on_demand: Boolean(session.on_demand),
        addons: line.addons,
        discounts: discountDetails(sessionDiscounts(core, session), 1),
      });
    }
    for (const discount of sessionDiscounts(core, session)) discount.times_used += 1;
    session.subscription_ids = recurringLines.map((line) => (line.subscription as Subscription).subscription_id);
  }
  const payment = settlePayment(core, existing, { ...base, payment_method_id: paymentMethodId, subscription_ids: session.subscription_ids });
  if (instrument.kind === 'upi') core.emit('payment.processing', { ...paymentEventData(core, payment), status: 'processing', error_code: null, error_message: null });
  if (!outcome.ok) {
    core.emit('payment.failed', paymentEventData(core, payment));
    failSubscriptionsOf(core, session, billing);
    return settleAttempt(session, payment.payment_id, { code: outcome.error_code, message: outcome.error_message });
  }
  core.emit('payment.succeeded', paymentEventData(core, payment));
  for (const line of recurringLines) emitSubscription(core, 'subscription.active', line.subscription as Subscription);
  for (const line of lines.filter((l) => l.product.license_key_enabled)) {
    issueLicenseKey(core, {
      product: line.product,
      customer_id: base.customer.customer_id,
      payment_id: payment.payment_id,
      subscription_id: line.subscription?.subscription_id ?? null,
    });
  }
  if (session.abandoned_at) recoverAbandonedCheckout(core, session, payment);
  return settleAttempt(session, payment.payment_id, null);
}

function settlePayment(core: SandboxCore, existing: StoredPayment | undefined | null, input: Parameters<typeof recordPayment>[1]): StoredPayment {
  const fresh = recordPayment(core, input);
  if (!existing) return fresh;
  // The 3DS payment keeps its id and creation time; everything else is the settled charge.
  delete core.state.payments[fresh.payment_id];
  Object.assign(existing, { ...fresh, payment_id: existing.payment_id, created_at: existing.created_at, updated_at: core.now() });
  return existing;
}

/** A declined first payment fails the subscriptions it would have started (`subscription.failed`, as Dodo reports a failed mandate). */
function failSubscriptionsOf(core: SandboxCore, session: StoredCheckoutSession, billing: BillingAddress): void {
  for (const line of cartLines(core, session).filter((l) => l.product.is_recurring)) {
    const subscription = createSubscription(core, {
      product: recurringProduct(core, line.product.product_id),
      quantity: line.quantity,
      customer: getCustomer(core, session.customer_id as string),
      billing,
      metadata: session.metadata,
      trial_period_days: line.trial_period_days,
      payment_method_id: null,
      on_demand: Boolean(session.on_demand),
    });
    subscription.status = 'failed';
    emitSubscription(core, 'subscription.failed', subscription);
  }
}

/** Dodo calls a checkout abandoned when its payment failed and nobody paid within the hour (a sandbox choice of delay). */
const ABANDONED_AFTER_MS = 60 * 60_000;

function abandonedCheckoutData(core: SandboxCore, session: StoredCheckoutSession, recoveredPaymentId: string | null) {
  return {
    payload_type: 'AbandonedCheckout' as const,
    abandoned_at: session.abandoned_at as string,
    abandonment_reason: 'payment_failed' as const,
    brand_id: core.state.brand_id,
    customer_id: session.customer_id as string,
    payment_id: session.payment_id as string,
    status: recoveredPaymentId ? ('recovered' as const) : ('abandoned' as const),
    recovered_payment_id: recoveredPaymentId,
  };
}

/** Sends `abandoned_checkout.detected` for open sessions whose last attempt failed an hour ago (on the virtual clock). */
export function detectAbandonedCheckouts(core: SandboxCore): void {
  const now = Date.parse(core.now());
  for (const session of Object.values(core.state.checkout_sessions)) {
    if (session.status !== 'open' || session.abandoned_at || !session.last_error || !session.payment_id || !session.customer_id) continue;
    const failedAt = core.state.payments[session.payment_id]?.updated_at;
    if (!failedAt || Date.parse(failedAt) + ABANDONED_AFTER_MS > now) continue;
    session.abandoned_at = new Date(Date.parse(failedAt) + ABANDONED_AFTER_MS).toISOString();
    core.emit('abandoned_checkout.detected', abandonedCheckoutData(core, session, null));
  }
}

function recoverAbandonedCheckout(core: SandboxCore, session: StoredCheckoutSession, payment: StoredPayment): void {
  const data = abandonedCheckoutData(core, session, payment.payment_id);
  core.emit('abandoned_checkout.recovered', { ...data, payment_id: data.payment_id });
}

/** Session expiry cancels a payment still waiting for its 3DS challenge (`payment.cancelled`). */
export function cancelExpiredThreeDs(core: SandboxCore): void {
  for (const session of Object.values(core.state.checkout_sessions)) {
    if (session.pending_three_ds && sessionStatus(core, session) === 'expired') completeThreeDs(core, session.session_id, 'cancel');
  }
}

function settleAttempt(session: StoredCheckoutSession, paymentId: string, error: { code: string; message: string } | null): PayResult {
  session.payment_id = paymentId;
  session.pending_three_ds = null;
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

/** `POST /checkouts/preview`: what the session would charge now and on renewal, without creating anything. */
function previewCheckoutSession(core: SandboxCore, body: unknown): CheckoutSessionPreviewResponse {
  const input = parseBody(checkoutCreateSchema, body);
  refuseUnemulatedOptions(input);
  const products = input.product_cart.map((item) => purchasableProduct(core, item.product_id));
  const currencies = new Set(products.map((p) => p.price.currency));
  if (currencies.size > 1) throw new SandboxError(422, 'MIXED_CURRENCIES', 'All products in a cart must share one currency');
  const country = (input.billing_address?.country ?? DEFAULT_BILLING_COUNTRY) as CheckoutSessionPreviewResponse['billing_country'];
  const currency = products[0].price.currency;
  const now = core.now();
  const trialOverride = input.subscription_data?.trial_period_days ?? null;
  const discounts = sessionDiscountCodes(core, input);
  const lines = input.product_cart.map((item, i) => {
    const product = products[i];
    const unit = item.amount ?? unitPrice(product.price);
    const trialDays = trialDaysFor(product, trialOverride);
    const addons = checkAddons(core, product, item.addons ?? []);
    const recurring = product.is_recurring ? applyDiscounts([priceLine(product, item.quantity, unit, country), ...addonLines(core, addons, country)], discounts).lines : null;
    const now = applyDiscounts([priceLine(product, item.quantity, trialDays > 0 ? 0 : unit, country), ...addonLines(core, addons, country, trialDays > 0)], discounts);
    return { product, quantity: item.quantity, unit, trialDays, now: now.lines, discount: now.discount, recurring };
  });
  const sum = (items: PaymentLineItem[], discount = 0) => ({
    discount,
    subtotal: items.reduce((total, line) => total + line.amount, 0) + discount,
    tax: items.reduce((total, line) => total + line.tax, 0),
    total_amount: items.reduce((total, line) => total + lineTotal(line), 0),
  });
  const recurring = lines.filter((line) => line.recurring);
  const nextBillingDates = recurring.map((line) => {
    const price = line.product.price as Price.RecurringPrice;
    return line.trialDays > 0 ? addDays(now, line.trialDays) : addInterval(now, price.payment_frequency_interval, price.payment_frequency_count);
  });
  const current = sum(
    lines.flatMap((line) => line.now),
    lines.reduce((total, line) => total + line.discount, 0),
  );
  return {
    billing_country: country,
    currency: currency as CheckoutSessionPreviewResponse['currency'],
    current_breakup: current,
    is_byop: false,
    payment_method_required: true,
    product_cart: lines.map((line) => ({
      credit_entitlements: [],
      currency: currency as CheckoutSessionPreviewResponse['currency'],
      og_currency: currency as CheckoutSessionPreviewResponse['currency'],
      og_price: line.unit,
      discounted_price: line.unit,
      is_subscription: line.product.is_recurring,
      is_usage_based: line.product.price.type === 'usage_based_price',
      meters: (line.product.price.type === 'usage_based_price' ? (line.product.price.meters ?? []) : []).map((meter) => ({
        measurement_unit: meter.measurement_unit ?? core.state.meters[meter.meter_id]?.measurement_unit ?? 'units',
        name: meter.name ?? core.state.meters[meter.meter_id]?.name ?? meter.meter_id,
        price_per_unit: meter.price_per_unit ?? '0',
        description: meter.description ?? null,
        free_threshold: meter.free_threshold ?? 0,
      })),
      product_id: line.product.product_id,
      quantity: line.quantity,
      tax_category: line.product.tax_category,
      tax_inclusive: line.product.price.tax_inclusive === true,
      tax_rate: taxRatePercent(country),
      name: line.product.name ?? null,
      description: line.product.description ?? null,
      tax: line.now.reduce((total, l) => total + l.tax, 0),
      discount_amount: line.discount,
    })),
    total_price: current.total_amount,
    total_tax: current.tax,
    next_billing_date: nextBillingDates.sort()[0] ?? null,
    recurring_breakup: recurring.length ? sum(recurring.flatMap((line) => line.recurring as PaymentLineItem[])) : null,
    subscriptions:
      recurring.length > 1
        ? recurring.map((line, i) => ({
            product_id: line.product.product_id,
            amount_due_now: line.now.reduce((total, l) => total + lineTotal(l), 0),
            tax_due_now: line.now.reduce((total, l) => total + l.tax, 0),
            recurring_amount: (line.recurring as PaymentLineItem[]).reduce((total, l) => total + lineTotal(l), 0),
            recurring_tax: (line.recurring as PaymentLineItem[]).reduce((total, l) => total + l.tax, 0),
            next_billing_date: nextBillingDates[i],
            trial_period_days: line.trialDays,
          }))
        : null,
    trial_period_days: recurring.length === 1 ? recurring[0].trialDays : null,
    trial_amount: null,
  };
}

export function registerCheckoutRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/checkouts', ({ body }) => createCheckoutSession(core, body))
    .post('/checkouts/preview', ({ body }) => previewCheckoutSession(core, body))
    // Every country the checkout takes a billing address from (the SDK's CountryCode list; Dodo's own list may be shorter).
    .get('/checkout/supported_countries', (): MiscListSupportedCountriesResponse => COUNTRIES.map((c) => c.code as CountryCode).sort())
    .get('/checkouts/:id', ({ params }) => toStatus(core, getSession(core, params.id)));
}
