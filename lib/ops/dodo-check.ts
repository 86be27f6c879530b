import 'server-only';
// The timeline's live check: asks Dodo about the thread's objects and lists what our webhooks missed,
// each with the Retry that applies Dodo's state (repairFromDodo).
import { errorReason } from '@/db/errors';
import { getDodo } from '@/lib/dodo/client';
import { retrieveFromDodo } from '@/lib/billing/dodo-objects';
import { loadStoredStates, missedReason, type DodoObject, type MissedReason, type ObjectKind } from './reconcile';
import type { Thread } from './timeline';

export type Discrepancy = { kind: ObjectKind; id: string; reason: MissedReason; dodoStatus: string; storedStatus: string | null };
export type DodoCheck = { discrepancies: Discrepancy[]; error: string | null };

/** Compares the thread's orders, payments, subscriptions, refunds and licence keys with Dodo's. */
export async function checkThreadWithDodo(thread: Thread): Promise<DodoCheck> {
  const dodo = getDodo();
  const wanted = new Map<string, ObjectKind>();
  try {
    const stored = new Set(thread.payments.map((p) => p.id));
    // An order whose session Dodo paid, with no payment stored here: the payment's webhook is missing.
    const sessions = await Promise.all(
      thread.orders.filter((o) => o.checkoutSessionId && !o.paymentId).map((o) => dodo.checkoutSessions.retrieve(o.checkoutSessionId!)),
    );
    for (const s of sessions) if (s.payment_id && !stored.has(s.payment_id)) wanted.set(s.payment_id, 'payment');
    for (const p of thread.payments) wanted.set(p.id, 'payment');
    for (const s of thread.subscriptions) wanted.set(s.id, 'subscription');

    const objects = await Promise.all([...wanted].map(async ([id, kind]) => ({ id, kind, object: await retrieveFromDodo(kind, id, dodo) })));
    // A payment names its subscription, refunds and (through the customer's list) licence keys.
    for (const { object } of objects.filter((o) => o.kind === 'payment')) {
      if (typeof object.subscription_id === 'string' && !wanted.has(object.subscription_id)) {
        objects.push({ id: object.subscription_id, kind: 'subscription', object: await retrieveFromDodo('subscription', object.subscription_id, dodo) });
        wanted.set(object.subscription_id, 'subscription');
      }
      for (const refund of (object.refunds ?? []) as DodoObject[]) objects.push({ id: String(refund.refund_id), kind: 'refund', object: refund });
    }
    const paymentIds = new Set(objects.filter((o) => o.kind === 'payment').map((o) => o.id));
    const customers = new Set(objects.filter((o) => o.kind === 'payment').map((o) => String((o.object.customer as { customer_id?: string })?.customer_id ?? '')));
    for (const customer of [...customers].filter(Boolean)) {
      const keys = await dodo.licenseKeys.list({ customer_id: customer, page_number: 0, page_size: 100 });
      for (const key of keys.items) if (key.payment_id && paymentIds.has(key.payment_id)) objects.push({ id: key.id, kind: 'license_key', object: key as unknown as DodoObject });
    }

    const discrepancies: Discrepancy[] = [];
    for (const kind of ['payment', 'subscription', 'refund', 'license_key'] as const) {
      const ofKind = objects.filter((o) => o.kind === kind);
      const states = await loadStoredStates(kind, ofKind.map((o) => o.id));
      for (const { id, object } of ofKind) {
        const reason = missedReason(kind, object, states.get(id));
        if (reason) discrepancies.push({ kind, id, reason, dodoStatus: String(object.status ?? ''), storedStatus: states.get(id)?.status ?? null });
      }
    }
    return { discrepancies, error: null };
  } catch (err) {
    return { discrepancies: [], error: `Could not ask Dodo: ${errorReason(err)}` };
  }
}
