// The parts of Dodo's webhook payloads this app relies on. Unknown fields pass through untouched.
import { z } from 'zod';
import { DISPUTE_STATUSES, LICENSE_KEY_STATUSES, PAYMENT_STATUSES, REFUND_STATUSES, SUBSCRIPTION_STATUSES } from './statuses';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date');
const metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({});
const customer = z.object({ customer_id: z.string(), email: z.string() }).loose();
/** Stacked discounts as Dodo reports them on a payment; a missing list means none. */
const discounts = z
  .array(z.object({ code: z.string(), type: z.string(), amount: z.number() }).loose())
  .nullish()
  .transform((list) => (list ?? []).map(({ code, type, amount }) => ({ code, type, amount })));
/** Add-ons on a subscription (seats); an event without the list carries none. */
const addons = z
  .array(z.object({ addon_id: z.string(), quantity: z.number().int().nonnegative() }).loose())
  .nullish()
  .transform((list) => (list ?? []).map(({ addon_id, quantity }) => ({ addon_id, quantity })));

export const paymentSchema = z
  .object({
    payload_type: z.literal('Payment'),
    payment_id: z.string().min(1),
    status: z.enum(PAYMENT_STATUSES).nullish(),
    total_amount: z.number().int(),
    currency: z.string(),
    customer,
    metadata,
    subscription_id: z.string().nullish(),
    checkout_session_id: z.string().nullish(),
    discounts,
  })
  .loose();

export const subscriptionSchema = z
  .object({
    payload_type: z.literal('Subscription'),
    subscription_id: z.string().min(1),
    status: z.enum(SUBSCRIPTION_STATUSES),
    product_id: z.string(),
    next_billing_date: isoDate.nullish(),
    cancel_at_next_billing_date: z.boolean().default(false),
    cancelled_at: isoDate.nullish(),
    created_at: isoDate.nullish(),
    trial_period_days: z.number().int().nonnegative().nullish(),
    customer,
    metadata,
    addons,
  })
  .loose();

export const refundSchema = z
  .object({
    payload_type: z.literal('Refund'),
    refund_id: z.string().min(1),
    payment_id: z.string().min(1),
    status: z.enum(REFUND_STATUSES),
    amount: z.number().int().nullish(),
    currency: z.string().nullish(),
    is_partial: z.boolean().default(false),
    reason: z.string().nullish(),
  })
  .loose();

export const disputeSchema = z
  .object({
    payload_type: z.literal('Dispute'),
    dispute_id: z.string().min(1),
    payment_id: z.string().min(1),
    dispute_status: z.enum(DISPUTE_STATUSES),
  })
  .loose();

export const licenseKeySchema = z
  .object({
    payload_type: z.literal('LicenseKey'),
    id: z.string().min(1),
    key: z.string().min(1),
    status: z.enum(LICENSE_KEY_STATUSES),
    payment_id: z.string().nullish(),
    customer_id: z.string().nullish(),
    activations_limit: z.number().int().nullish(),
    expires_at: isoDate.nullish(),
  })
  .loose();

export const envelopeSchema = z
  .object({
    business_id: z.string(),
    type: z.string().min(1),
    timestamp: isoDate,
    data: z.object({ payload_type: z.string() }).loose(),
  })
  .loose();

export type WebhookEnvelope = z.infer<typeof envelopeSchema>;
export type PaymentPayload = z.infer<typeof paymentSchema>;
export type SubscriptionPayload = z.infer<typeof subscriptionSchema>;
export type RefundPayload = z.infer<typeof refundSchema>;
export type DisputePayload = z.infer<typeof disputeSchema>;
export type LicenseKeyPayload = z.infer<typeof licenseKeySchema>;

/** An event this app acts on, with its object parsed; `other` is stored and acknowledged only. */
export type ParsedEvent =
  | { kind: 'payment'; object: PaymentPayload }
  | { kind: 'subscription'; object: SubscriptionPayload }
  | { kind: 'refund'; object: RefundPayload }
  | { kind: 'dispute'; object: DisputePayload }
  | { kind: 'license_key'; object: LicenseKeyPayload }
  | { kind: 'other'; object: Record<string, unknown> };

const byPrefix = {
  'payment.': ['payment', paymentSchema],
  'subscription.': ['subscription', subscriptionSchema],
  'refund.': ['refund', refundSchema],
  'dispute.': ['dispute', disputeSchema],
  'license_key.': ['license_key', licenseKeySchema],
} as const;

export class MalformedPayloadError extends Error {}

/** Parses a verified body. Throws MalformedPayloadError when it is not a payload we can trust. */
export function parseWebhookPayload(body: unknown): { envelope: WebhookEnvelope; event: ParsedEvent; objectId: string | null } {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new MalformedPayloadError(z.prettifyError(envelope.error));
  const { type, data } = envelope.data;
  for (const [prefix, [kind, schema]] of Object.entries(byPrefix)) {
    if (!type.startsWith(prefix)) continue;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new MalformedPayloadError(`${type}: ${z.prettifyError(parsed.error)}`);
    const event = { kind, object: parsed.data } as ParsedEvent;
    return { envelope: envelope.data, event, objectId: objectIdOf(event) };
  }
  return { envelope: envelope.data, event: { kind: 'other', object: data }, objectId: null };
}

/** The id of the object an event is about (null for types this app does not act on). */
export function objectIdOf(event: ParsedEvent): string | null {
  switch (event.kind) {
    case 'payment':
      return event.object.payment_id;
    case 'subscription':
      return event.object.subscription_id;
    case 'refund':
      return event.object.refund_id;
    case 'dispute':
      return event.object.dispute_id;
    case 'license_key':
      return event.object.id;
    default:
      return null;
  }
}
