// Dodo's current objects, read through the SDK: the truth a tie between two events and a
// reconciliation repair apply, in the same parsed shape a webhook carries.
import type DodoPayments from 'dodopayments';
import { getDodo } from '@/lib/dodo/client';
import { parseWebhookPayload, type ParsedEvent } from './webhook-payload';

/** An event about one of Dodo's objects (the kinds this app applies). */
export type ObjectEvent = Exclude<ParsedEvent, { kind: 'other' }>;
export type DodoObjectKind = ObjectEvent['kind'];
export type DodoObject = Record<string, unknown>;

const PAYLOAD_TYPE: Record<DodoObjectKind, string> = { payment: 'Payment', subscription: 'Subscription', refund: 'Refund', dispute: 'Dispute', license_key: 'LicenseKey' };

/** The full object as Dodo has it now (list items are summaries). */
export async function retrieveFromDodo(kind: DodoObjectKind, id: string, dodo: DodoPayments = getDodo()): Promise<DodoObject> {
  switch (kind) {
    case 'payment':
      return (await dodo.payments.retrieve(id)) as unknown as DodoObject;
    case 'subscription':
      return (await dodo.subscriptions.retrieve(id)) as unknown as DodoObject;
    case 'refund':
      return (await dodo.refunds.retrieve(id)) as unknown as DodoObject;
    case 'dispute':
      return (await dodo.disputes.retrieve(id)) as unknown as DodoObject;
    case 'license_key':
      return (await dodo.licenseKeys.retrieve(id)) as unknown as DodoObject;
  }
}

/** A payment without a status is processing, as the webhook path stores it. */
export function dodoStatusOf(kind: DodoObjectKind, object: DodoObject): string {
  return String(object.status ?? object.dispute_status ?? (kind === 'payment' ? 'processing' : ''));
}

/** The envelope a webhook carrying Dodo's object would have, dated `eventAt`. */
export function envelopeOf(kind: DodoObjectKind, object: DodoObject, eventAt: Date) {
  const type = kind === 'license_key' ? 'license_key.created' : `${kind}.${dodoStatusOf(kind, object).replace(/^dispute_/, '') || 'updated'}`;
  return { business_id: String(object.business_id ?? 'dodo'), type, timestamp: eventAt.toISOString(), data: { ...object, payload_type: PAYLOAD_TYPE[kind] } };
}

/** Dodo's object, parsed as the webhook path parses an event's object. */
export function parsedEventOf(kind: DodoObjectKind, object: DodoObject): ObjectEvent {
  return parseWebhookPayload(envelopeOf(kind, object, new Date(0))).event as ObjectEvent;
}

/**
 * When Dodo's object last changed, by Dodo's clock: the newest of the times it carries (the sandbox's
 * virtual clock included). Repairs are dated with it, so they order against webhooks on one clock.
 */
export function dodoObjectTime(object: DodoObject): Date {
  const times = ['created_at', 'updated_at', 'previous_billing_date', 'cancelled_at', 'paused_at']
    .map((field) => (typeof object[field] === 'string' ? Date.parse(object[field]) : NaN))
    .filter((t) => !Number.isNaN(t));
  return new Date(Math.max(0, ...times));
}
