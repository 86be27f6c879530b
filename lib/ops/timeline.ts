import 'server-only';
// One payment's thread, from any of its ids: request → order → checkout session → payment → webhook
// deliveries → state changes → repairs → access → jobs and emails, as one timeline. Everything is
// derived from stored rows: the inbox (with each event's payload and outcome), the delivery log,
// the mirrors of Dodo's objects, entitlements, reconciliation repairs and the jobs' tables.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import {
  creditLedger,
  entitlements,
  licenseKeys,
  mailMessages,
  operatorActions,
  orders,
  payments,
  plans,
  reconciliationRepairs,
  refunds,
  subscriptions,
  users,
  webhookDeliveries,
  webhookEvents,
  type SubscriptionAddon,
} from '@/db/schema';
import { describeDiscounts } from '@/lib/billing/format';
import { listPaymentCreditEntries, parseLedgerKey } from '@/lib/billing/credits';
import { entitlementSource, parseEntitlementSource } from '@/lib/billing/entitlements';
import { getFulfilmentWithAttempts, listFulfilments, type Fulfilment, type FulfilmentAttempt } from '@/lib/jobs/queries';
import { labelOf } from '@/lib/labels';
import { operatorActionsOn } from './operators';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export type Thread = {
  /** The id the operator asked about. */
  query: string;
  user: { id: string; email: string | null; name: string | null } | null;
  orders: Row<typeof orders>[];
  payments: Row<typeof payments>[];
  subscriptions: Row<typeof subscriptions>[];
  refunds: Row<typeof refunds>[];
  licenseKeys: Omit<Row<typeof licenseKeys>, 'key'>[];
  entitlements: Row<typeof entitlements>[];
  credits: Row<typeof creditLedger>[];
  webhookEvents: WebhookEventView[];
  deliveries: Row<typeof webhookDeliveries>[];
  repairs: Row<typeof reconciliationRepairs>[];
  /** What operators did to the thread's objects (refunds, retries): who and when. */
  operatorActions: Row<typeof operatorActions>[];
  jobs: (Fulfilment & { attemptLog: FulfilmentAttempt[] })[];
  emails: Pick<Row<typeof mailMessages>, 'id' | 'to' | 'subject' | 'status' | 'transport' | 'createdAt' | 'sentAt' | 'idempotencyKey'>[];
  planNames: Record<string, string>;
};

/** An inbox row without its payload, with the object's status from it. */
export type WebhookEventView = Omit<Row<typeof webhookEvents>, 'payload'> & { status: string | null; addons?: SubscriptionAddon[] | null };

type Ids = { orders: Set<string>; payments: Set<string>; subscriptions: Set<string>; refunds: Set<string>; webhooks: Set<string>; objects: Set<string> };

const list = (s: Set<string>) => [...s];
const has = (s: Set<string>) => s.size > 0;
/** `column in ids`, or no condition when there are none (`or` skips it). */
const inIds = (column: Parameters<typeof inArray>[0], ids: string[]) => (ids.length ? inArray(column, ids) : undefined);

/** The ids directly named by `id`: an order (or its request / session id), payment, subscription, refund, webhook or licence key. */
async function seedIds(id: string): Promise<Ids> {
  const db = getDb();
  const ids: Ids = { orders: new Set(), payments: new Set(), subscriptions: new Set(), refunds: new Set(), webhooks: new Set(), objects: new Set() };
  const [orderRows, eventRows, deliveryRows, refundRows, keyRows, repairRows] = await Promise.all([
    db
      .select({ id: orders.id })
      .from(orders)
      .where(or(eq(orders.id, id), eq(orders.requestId, id), eq(orders.checkoutSessionId, id), eq(orders.paymentId, id), eq(orders.subscriptionId, id))),
    db
      .select({ objectId: webhookEvents.objectId, type: webhookEvents.type, paymentId: sql<string | null>`${webhookEvents.payload}->'data'->>'payment_id'`, subscriptionId: sql<string | null>`${webhookEvents.payload}->'data'->>'subscription_id'` })
      .from(webhookEvents)
      .where(eq(webhookEvents.webhookId, id)),
    db.select({ objectId: webhookDeliveries.objectId }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).limit(1),
    db.select({ paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, id)),
    db.select({ paymentId: licenseKeys.paymentId }).from(licenseKeys).where(eq(licenseKeys.id, id)),
    db.select({ paymentId: reconciliationRepairs.paymentId, subscriptionId: reconciliationRepairs.subscriptionId, orderId: reconciliationRepairs.orderId }).from(reconciliationRepairs).where(eq(reconciliationRepairs.objectId, id)),
  ]);
  orderRows.forEach((o) => ids.orders.add(o.id));
  if (id.startsWith('pay_')) ids.payments.add(id);
  if (id.startsWith('sub_')) ids.subscriptions.add(id);
  for (const e of eventRows) {
    ids.webhooks.add(id);
    if (e.paymentId) ids.payments.add(e.paymentId);
    if (e.subscriptionId) ids.subscriptions.add(e.subscriptionId);
    if (e.objectId) ids.objects.add(e.objectId);
  }
  for (const d of deliveryRows) {
    ids.webhooks.add(id);
    if (d.objectId) ids.objects.add(d.objectId);
  }
  for (const r of refundRows) {
    ids.refunds.add(id);
    ids.payments.add(r.paymentId);
  }
  for (const k of keyRows) {
    ids.objects.add(id);
    ids.payments.add(k.paymentId);
  }
  for (const r of repairRows) {
    ids.objects.add(id);
    if (r.paymentId) ids.payments.add(r.paymentId);
    if (r.subscriptionId) ids.subscriptions.add(r.subscriptionId);
    if (r.orderId) ids.orders.add(r.orderId);
  }
  return ids;
}

/** Follows order ↔ payment ↔ subscription links until nothing new turns up. */
async function expand(ids: Ids) {
  const db = getDb();
  for (let round = 0; round < 4; round++) {
    const before = ids.orders.size + ids.payments.size + ids.subscriptions.size;
    const [orderRows, paymentRows, subscriptionRows] = await Promise.all([
      has(ids.orders) || has(ids.payments) || has(ids.subscriptions)
        ? db
            .select({ id: orders.id, paymentId: orders.paymentId, subscriptionId: orders.subscriptionId })
            .from(orders)
            .where(or(inIds(orders.id, list(ids.orders)), inIds(orders.paymentId, list(ids.payments)), inIds(orders.subscriptionId, list(ids.subscriptions))))
        : [],
      has(ids.orders) || has(ids.payments) || has(ids.subscriptions)
        ? db
            .select({ id: payments.id, orderId: payments.orderId, subscriptionId: payments.subscriptionId })
            .from(payments)
            .where(or(inIds(payments.id, list(ids.payments)), inIds(payments.orderId, list(ids.orders)), inIds(payments.subscriptionId, list(ids.subscriptions))))
        : [],
      has(ids.orders) || has(ids.subscriptions)
        ? db
            .select({ id: subscriptions.id, orderId: subscriptions.orderId })
            .from(subscriptions)
            .where(or(inIds(subscriptions.id, list(ids.subscriptions)), inIds(subscriptions.orderId, list(ids.orders))))
        : [],
    ]);
    for (const o of orderRows) {
      ids.orders.add(o.id);
      if (o.paymentId) ids.payments.add(o.paymentId);
      if (o.subscriptionId) ids.subscriptions.add(o.subscriptionId);
    }
    for (const p of paymentRows) {
      ids.payments.add(p.id);
      if (p.orderId) ids.orders.add(p.orderId);
      if (p.subscriptionId) ids.subscriptions.add(p.subscriptionId);
    }
    for (const s of subscriptionRows) {
      ids.subscriptions.add(s.id);
      if (s.orderId) ids.orders.add(s.orderId);
    }
    if (ids.orders.size + ids.payments.size + ids.subscriptions.size === before) break;
  }
}

/** Everything stored about the thread `id` belongs to, or null when nothing is known about it. */
export async function loadThread(id: string): Promise<Thread | null> {
  const query = id.trim();
  if (!query) return null;
  const ids = await seedIds(query);
  await expand(ids);
  const db = getDb();
  const payIds = list(ids.payments);
  const subIds = list(ids.subscriptions);
  const orderIds = list(ids.orders);

  const [orderRows, paymentRows, subscriptionRows, refundRows, keyRows] = await Promise.all([
    orderIds.length ? db.select().from(orders).where(inArray(orders.id, orderIds)).orderBy(asc(orders.createdAt)) : [],
    payIds.length ? db.select().from(payments).where(inArray(payments.id, payIds)).orderBy(asc(payments.createdAt)) : [],
    subIds.length ? db.select().from(subscriptions).where(inArray(subscriptions.id, subIds)).orderBy(asc(subscriptions.createdAt)) : [],
    payIds.length || ids.refunds.size
      ? db.select().from(refunds).where(or(payIds.length ? inArray(refunds.paymentId, payIds) : undefined, ids.refunds.size ? inArray(refunds.id, list(ids.refunds)) : undefined))
      : [],
    payIds.length
      ? db
          .select({ id: licenseKeys.id, userId: licenseKeys.userId, paymentId: licenseKeys.paymentId, status: licenseKeys.status, activationsLimit: licenseKeys.activationsLimit, expiresAt: licenseKeys.expiresAt, lastEventAt: licenseKeys.lastEventAt, createdAt: licenseKeys.createdAt })
          .from(licenseKeys)
          .where(inArray(licenseKeys.paymentId, payIds))
      : [],
  ]);
  refundRows.forEach((r) => ids.refunds.add(r.id));
  keyRows.forEach((k) => ids.objects.add(k.id));
  const objectIds = [...new Set([...payIds, ...subIds, ...ids.refunds, ...ids.objects])];
  const webhookIds = list(ids.webhooks);
  if (orderIds.length + objectIds.length + webhookIds.length === 0) return null;

  const sources = [...payIds.map(entitlementSource.payment), ...subIds.map(entitlementSource.subscription)];
  const userId = orderRows[0]?.userId ?? paymentRows.find((p) => p.userId)?.userId ?? subscriptionRows.find((s) => s.userId)?.userId ?? null;
  // Jobs concern a payment, subscription, licence key, order or the buyer (onboarding).
  const subjects = [...objectIds, ...orderIds, ...(userId ? [userId] : [])];
  const [eventRows, deliveryRows, repairRows, entitlementRows, creditRows, jobRows] = await Promise.all([
    objectIds.length || webhookIds.length
      ? db
          .select({
            webhookId: webhookEvents.webhookId,
            type: webhookEvents.type,
            eventAt: webhookEvents.eventAt,
            receivedAt: webhookEvents.receivedAt,
            objectId: webhookEvents.objectId,
            outcome: webhookEvents.outcome,
            resolvedFromDodo: webhookEvents.resolvedFromDodo,
            status: sql<string | null>`coalesce(${webhookEvents.payload}->'data'->>'status', ${webhookEvents.payload}->'data'->>'dispute_status')`,
            // A subscription's add-ons (extra seats) as the event carried them.
            addons: sql<SubscriptionAddon[] | null>`${webhookEvents.payload}->'data'->'addons'`,
          })
          .from(webhookEvents)
          .where(
            or(
              objectIds.length ? inArray(webhookEvents.objectId, objectIds) : undefined,
              webhookIds.length ? inArray(webhookEvents.webhookId, webhookIds) : undefined,
              // Disputes are keyed by their own id; they name the payment in the payload.
              payIds.length ? and(sql`${webhookEvents.type} like 'dispute.%'`, inArray(sql`${webhookEvents.payload}->'data'->>'payment_id'`, payIds)) : undefined,
            ),
          )
          .orderBy(asc(webhookEvents.receivedAt))
      : [],
    objectIds.length || webhookIds.length
      ? db.select().from(webhookDeliveries).where(or(inIds(webhookDeliveries.objectId, objectIds), inIds(webhookDeliveries.webhookId, webhookIds))).orderBy(asc(webhookDeliveries.seq))
      : [],
    objectIds.length || orderIds.length
      ? db
          .select()
          .from(reconciliationRepairs)
          .where(or(inIds(reconciliationRepairs.objectId, objectIds), inIds(reconciliationRepairs.paymentId, payIds), inIds(reconciliationRepairs.orderId, orderIds)))
          .orderBy(asc(reconciliationRepairs.createdAt))
      : [],
    sources.length ? db.select().from(entitlements).where(inArray(entitlements.source, sources)).orderBy(asc(entitlements.createdAt)) : [],
    listPaymentCreditEntries(payIds, db),
    listFulfilments({ subjectIds: subjects, limit: 100 }),
  ]);
  // Deliveries of the thread's webhooks that carry no object id (rejected ones) come in by webhook id.
  const eventIds = eventRows.map((e) => e.webhookId);
  const extraDeliveries = eventIds.length
    ? await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.webhookId, eventIds)).orderBy(asc(webhookDeliveries.seq))
    : [];
  const deliveries = [...new Map([...deliveryRows, ...extraDeliveries].map((d) => [d.seq, d])).values()].sort((a, b) => a.seq - b.seq);

  const stored = orderRows.length + paymentRows.length + subscriptionRows.length + refundRows.length + keyRows.length;
  if (stored + eventRows.length + deliveries.length + repairRows.length === 0) return null;
  const jobIds = jobRows.map((j) => j.id);
  const [jobsWithAttempts, emailRows, operatorRows] = await Promise.all([
    Promise.all(jobIds.map((id) => getFulfilmentWithAttempts(id))),
    subjects.length || jobIds.length
      ? db
          .select({ id: mailMessages.id, to: mailMessages.to, subject: mailMessages.subject, status: mailMessages.status, transport: mailMessages.transport, createdAt: mailMessages.createdAt, sentAt: mailMessages.sentAt, idempotencyKey: mailMessages.idempotencyKey })
          .from(mailMessages)
          // Mail is keyed by the job or subject that sent it (for example `receipt_email:pay_…`).
          .where(sql`${mailMessages.idempotencyKey} like any (${sql`array[${sql.join([...subjects, ...jobIds].map((s) => sql`${`%${s}%`}`), sql`, `)}]`})`)
          .orderBy(asc(mailMessages.createdAt))
      : [],
    operatorActionsOn([...subjects, ...jobIds]),
  ]);

  const [user] = userId ? await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId)) : [];
  const planIds = [...new Set([...orderRows.map((o) => o.planId), ...subscriptionRows.map((s) => s.planId).filter((p): p is string => Boolean(p))])];
  const planRows = planIds.length ? await db.select({ id: plans.id, name: plans.name }).from(plans).where(inArray(plans.id, planIds)) : [];

  return {
    query,
    user: user ?? null,
    orders: orderRows,
    payments: paymentRows,
    subscriptions: subscriptionRows,
    refunds: refundRows,
    licenseKeys: keyRows,
    entitlements: entitlementRows,
    credits: creditRows,
    webhookEvents: eventRows,
    deliveries,
    repairs: repairRows,
    operatorActions: operatorRows,
    jobs: jobsWithAttempts.filter((j) => j !== null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    emails: emailRows,
    planNames: Object.fromEntries(planRows.map((p) => [p.id, p.name])),
  };
}

export type TimelineKind =
  | 'request'
  | 'order'
  | 'checkout'
  | 'delivery'
  | 'webhook'
  | 'state'
  | 'repair'
  | 'access'
  | 'credits'
  | 'licence'
  | 'job'
  | 'attempt'
  | 'email'
  | 'operator';

export type TimelineEntry = {
  at: Date;
  kind: TimelineKind;
  title: string;
  detail?: string;
  tone: 'neutral' | 'good' | 'warn' | 'bad';
  /** Ids shown with the entry (each a search link). */
  ids: string[];
};

// Within one instant, the order things happen in.
const RANK: Record<TimelineKind, number> = { request: 0, order: 1, checkout: 2, delivery: 3, webhook: 4, repair: 5, state: 6, access: 7, credits: 8, licence: 9, job: 10, attempt: 11, email: 12, operator: 13 };

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;

function objectKindOf(type: string) {
  return labelOf(type.split('.')[0]);
}

/** The thread as entries in time order. */
export function buildTimeline(thread: Thread): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const email = thread.user?.email ?? 'an unknown buyer';

  for (const o of thread.orders) {
    const plan = thread.planNames[o.planId] ?? o.planId;
    entries.push({ at: o.createdAt, kind: 'request', title: `Checkout requested by ${email}`, detail: `Request ${o.requestId}`, tone: 'neutral', ids: [o.requestId] });
    const code = o.discountCode ? `, discount code ${o.discountCode}` : '';
    entries.push({ at: o.createdAt, kind: 'order', title: `Order created for ${plan}`, detail: `${money(o.amountCents, o.currency)}${code}, now ${o.status}`, tone: 'neutral', ids: [o.id] });
    if (o.checkoutCreatedAt && o.checkoutSessionId) {
      entries.push({ at: o.checkoutCreatedAt, kind: 'checkout', title: 'Checkout session opened at Dodo', tone: 'neutral', ids: [o.checkoutSessionId] });
    }
    if (o.error) entries.push({ at: o.updatedAt, kind: 'order', title: 'Checkout could not start', detail: o.error, tone: 'bad', ids: [o.id] });
    if (o.paidAt) entries.push({ at: o.paidAt, kind: 'state', title: 'Order marked paid', tone: 'good', ids: [o.id] });
  }

  thread.deliveries.forEach((d) => {
    const what = d.eventType ?? 'unverified event';
    const result =
      d.result === 'applied' ? `applied (${d.outcome ?? 'ok'})` : d.result === 'duplicate' ? 'duplicate: already in the inbox, no effect' : d.result === 'rejected' ? `rejected: ${d.error ?? ''}` : `failed: ${d.error ?? ''}`;
    entries.push({
      at: d.receivedAt,
      kind: 'delivery',
      title: `Delivery #${d.seq} of ${what}: HTTP ${d.statusCode}`,
      detail: `Signature ${d.signature}; ${result}${d.durationMs != null ? `; ${d.durationMs} ms` : ''}`,
      tone: d.result === 'failed' ? 'bad' : d.result === 'rejected' ? 'warn' : 'neutral',
      ids: [d.webhookId ?? ''].filter(Boolean),
    });
  });

  thread.webhookEvents.forEach((e, index) => {
    const lag = e.receivedAt.getTime() - e.eventAt.getTime();
    entries.push({
      at: e.receivedAt,
      kind: 'webhook',
      title: `Webhook ${e.type} received (arrival ${index + 1} of ${thread.webhookEvents.length})`,
      detail: `Signature valid; Dodo's event time ${e.eventAt.toISOString()}, committed ${seconds(lag)} later; outcome ${e.outcome}${e.resolvedFromDodo ? " (a tie with the stored state: Dodo's current object was applied)" : ''}`,
      tone: e.outcome === 'applied' ? 'good' : e.outcome === 'unmatched' ? 'warn' : 'neutral',
      ids: [e.webhookId, e.objectId ?? ''].filter(Boolean),
    });
    if (e.outcome === 'applied' || e.outcome === 'unmatched') {
      const seats = e.addons?.length ? `; add-ons ${e.addons.map((a) => `${a.quantity} × ${a.addon_id}`).join(', ')}` : '';
      entries.push({ at: e.receivedAt, kind: 'state', title: `${objectKindOf(e.type)} ${e.objectId ?? ''} is now ${e.status ?? e.type.split('.')[1]}`, detail: `From webhook ${e.webhookId}${seats}`, tone: 'neutral', ids: [e.objectId ?? ''].filter(Boolean) });
    }
  });

  for (const p of thread.payments) {
    if (!p.discounts.length) continue;
    entries.push({ at: p.createdAt, kind: 'state', title: `Discount ${describeDiscounts(p.discounts, p.currency)} applied by Dodo`, detail: `Payment ${p.id}: ${money(p.amountCents, p.currency)} charged`, tone: 'neutral', ids: [p.id] });
  }

  for (const r of thread.repairs) {
    const after = (r.after as { status?: string }).status;
    const before = (r.before as { status?: string } | null)?.status;
    entries.push({
      at: r.createdAt,
      kind: 'repair',
      title: r.outcome === 'error' ? `Reconciliation could not repair ${labelOf(r.objectType)} ${r.objectId}` : `Reconciliation repaired ${labelOf(r.objectType)} ${r.objectId}`,
      detail: r.outcome === 'error' ? (r.error ?? undefined) : `${r.reason === 'not_stored' ? 'Missed: not stored' : `Missed: stored ${before ?? '?'}`}; applied ${r.eventType} (${r.outcome}); run ${r.runId}${r.webhookId ? `; for webhook ${r.webhookId}` : ''}`,
      tone: r.outcome === 'error' ? 'bad' : 'warn',
      ids: [r.objectId, r.runId],
    });
    if (r.outcome !== 'error' && after) {
      entries.push({ at: r.createdAt, kind: 'state', title: `${labelOf(r.objectType)} ${r.objectId} is now ${after}`, detail: `From reconciliation run ${r.runId}`, tone: 'neutral', ids: [r.objectId] });
    }
  }

  for (const ent of thread.entitlements) {
    const until = ent.validUntil ? ` until ${ent.validUntil.toISOString().slice(0, 10)}` : '';
    const source = parseEntitlementSource(ent.source);
    const sourceIds = source ? [source.id] : [];
    entries.push({ at: ent.createdAt, kind: 'access', title: `Access granted: ${ent.key}`, detail: source ? `From ${source.kind} ${source.id}` : undefined, tone: 'good', ids: sourceIds });
    if (ent.updatedAt.getTime() - ent.createdAt.getTime() > 1000 || ent.status !== 'active') {
      entries.push({
        at: ent.updatedAt,
        kind: 'access',
        title: `Access to ${ent.key} is ${ent.status}${until}`,
        detail: ent.reason ?? undefined,
        tone: ent.status === 'revoked' ? 'bad' : ent.status === 'grace' ? 'warn' : 'good',
        ids: sourceIds,
      });
    }
  }
  for (const c of thread.credits) {
    const entry = parseLedgerKey(c.id);
    const paymentIds = entry && entry.kind !== 'use' ? [entry.paymentId] : [];
    entries.push({ at: c.createdAt, kind: 'credits', title: `Credits ${c.delta > 0 ? '+' : ''}${c.delta.toLocaleString('en-US')}`, detail: c.reason, tone: c.delta > 0 ? 'good' : 'warn', ids: paymentIds });
  }
  for (const k of thread.licenseKeys) {
    entries.push({ at: k.createdAt, kind: 'licence', title: `Licence key ${k.status}`, detail: `Key ${k.id} for payment ${k.paymentId}`, tone: 'good', ids: [k.id] });
  }
  for (const a of thread.operatorActions) {
    entries.push({ at: a.createdAt, kind: 'operator', title: `Operator ${a.actor}: ${a.action}${a.ok ? '' : ' (refused or failed)'}`, detail: a.detail ?? undefined, tone: a.ok ? 'neutral' : 'bad', ids: a.subjectId ? [a.subjectId] : [] });
  }
  for (const j of thread.jobs) {
    entries.push({ at: j.createdAt, kind: 'job', title: `Job ${j.kind} queued`, detail: `For ${j.subjectId}; now ${j.status} after ${j.attempts} of ${j.maxAttempts} attempts${j.result ? `: ${j.result}` : ''}`, tone: j.status === 'dead' || j.status === 'failed' ? 'bad' : j.status === 'succeeded' ? 'good' : 'neutral', ids: [j.id] });
    for (const a of j.attemptLog) {
      entries.push({
        at: a.startedAt,
        kind: 'attempt',
        title: `Job ${j.kind}: attempt ${a.attempt} ${a.outcome}`,
        detail: a.error ?? undefined,
        tone: a.outcome === 'succeeded' ? 'good' : a.outcome === 'running' ? 'neutral' : 'bad',
        ids: [j.id],
      });
    }
  }
  for (const m of thread.emails) {
    entries.push({ at: m.sentAt ?? m.createdAt, kind: 'email', title: `Email ${m.status}: “${m.subject}”`, detail: `To ${m.to} via ${m.transport}`, tone: m.status === 'sent' ? 'good' : 'neutral', ids: [m.id] });
  }

  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || RANK[a.kind] - RANK[b.kind]);
}
