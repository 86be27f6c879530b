import 'server-only';
// The operator's search: one box that takes an email or any id of a payment's thread.
import { desc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { licenseKeys, orders, payments, reconciliationRepairs, refunds, subscriptions, users, webhookDeliveries, webhookEvents } from '@/db/schema';

export type SearchHit = {
  kind: 'order' | 'payment' | 'subscription' | 'refund' | 'webhook' | 'licence key';
  id: string;
  /** The id the timeline is opened with. */
  traceId: string;
  summary: string;
  email: string | null;
  at: Date;
};

const LIMIT = 25;

/** Everything that matches `query` exactly (ids), or by email (the buyer's orders, payments and subscriptions). */
export async function searchOperations(query: string): Promise<SearchHit[]> {
  const q = query.trim();
  if (q.length < 3) return [];
  return q.includes('@') ? searchByEmail(q) : searchById(q);
}

async function searchByEmail(q: string): Promise<SearchHit[]> {
  const db = getDb();
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) like ${`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)
    .limit(LIMIT);
  if (people.length === 0) return [];
  const emails = new Map(people.map((p) => [p.id, p.email]));
  const ids = [...emails.keys()];
  const [orderRows, paymentRows, subscriptionRows] = await Promise.all([
    db.select().from(orders).where(inArray(orders.userId, ids)).orderBy(desc(orders.createdAt)).limit(LIMIT),
    db.select().from(payments).where(inArray(payments.userId, ids)).orderBy(desc(payments.createdAt)).limit(LIMIT),
    db.select().from(subscriptions).where(inArray(subscriptions.userId, ids)).orderBy(desc(subscriptions.createdAt)).limit(LIMIT),
  ]);
  const hits: SearchHit[] = [
    ...orderRows.map((o) => orderHit(o, emails.get(o.userId) ?? null)),
    ...paymentRows.map((p) => paymentHit(p, emails.get(p.userId ?? '') ?? null)),
    ...subscriptionRows.map((s) => subscriptionHit(s, emails.get(s.userId ?? '') ?? null)),
  ];
  return hits.sort((a, b) => b.at.getTime() - a.at.getTime());
}

async function searchById(q: string): Promise<SearchHit[]> {
  const db = getDb();
  const [orderRows, paymentRows, subscriptionRows, refundRows, eventRows, deliveryRows, keyRows, repairRows] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(or(eq(orders.id, q), eq(orders.requestId, q), eq(orders.checkoutSessionId, q), eq(orders.paymentId, q), eq(orders.subscriptionId, q))),
    db.select().from(payments).where(eq(payments.id, q)),
    db.select().from(subscriptions).where(eq(subscriptions.id, q)),
    db.select().from(refunds).where(eq(refunds.id, q)),
    db.select({ webhookId: webhookEvents.webhookId, type: webhookEvents.type, receivedAt: webhookEvents.receivedAt, objectId: webhookEvents.objectId }).from(webhookEvents).where(eq(webhookEvents.webhookId, q)),
    db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, q)).limit(1),
    db.select().from(licenseKeys).where(eq(licenseKeys.id, q)),
    db.select().from(reconciliationRepairs).where(eq(reconciliationRepairs.objectId, q)).limit(1),
  ]);
  const emailOf = await emailsFor([...orderRows.map((o) => o.userId), ...paymentRows.map((p) => p.userId), ...subscriptionRows.map((s) => s.userId)]);
  const hits: SearchHit[] = [
    ...orderRows.map((o) => orderHit(o, emailOf(o.userId))),
    ...paymentRows.map((p) => paymentHit(p, emailOf(p.userId))),
    ...subscriptionRows.map((s) => subscriptionHit(s, emailOf(s.userId))),
    ...refundRows.map((r) => ({ kind: 'refund' as const, id: r.id, traceId: r.id, summary: `${r.status} refund of ${r.paymentId}`, email: null, at: r.createdAt })),
    ...eventRows.map((e) => ({ kind: 'webhook' as const, id: e.webhookId, traceId: e.webhookId, summary: `${e.type} for ${e.objectId ?? 'no object'}`, email: null, at: e.receivedAt })),
    ...keyRows.map((k) => ({ kind: 'licence key' as const, id: k.id, traceId: k.id, summary: `${k.status} licence key of ${k.paymentId}`, email: emailOf(k.userId), at: k.createdAt })),
  ];
  // A webhook that never reached the inbox (rejected or failed) is still found by its deliveries.
  if (eventRows.length === 0 && deliveryRows[0]) {
    const d = deliveryRows[0];
    hits.push({ kind: 'webhook', id: q, traceId: q, summary: `${d.eventType ?? 'unverified'} delivery: ${d.result}`, email: null, at: d.receivedAt });
  }
  // An object only a reconciliation repair knows of (for example one that failed to apply).
  if (hits.length === 0 && repairRows[0]) {
    const r = repairRows[0];
    hits.push({ kind: r.objectType === 'subscription' ? 'subscription' : 'payment', id: q, traceId: q, summary: `reconciliation: ${r.outcome}`, email: null, at: r.createdAt });
  }
  return hits;
}

async function emailsFor(userIds: (string | null)[]): Promise<(id: string | null) => string | null> {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return () => null;
  const rows = await getDb().select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r.email]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

function orderHit(o: typeof orders.$inferSelect, email: string | null): SearchHit {
  return { kind: 'order', id: o.id, traceId: o.id, summary: `${o.status} order for ${o.planId}, ${money(o.amountCents, o.currency)}`, email, at: o.createdAt };
}

function paymentHit(p: typeof payments.$inferSelect, email: string | null): SearchHit {
  return { kind: 'payment', id: p.id, traceId: p.id, summary: `${p.status} payment, ${money(p.amountCents, p.currency)}`, email, at: p.createdAt };
}

function subscriptionHit(s: typeof subscriptions.$inferSelect, email: string | null): SearchHit {
  return { kind: 'subscription', id: s.id, traceId: s.id, summary: `${s.status} subscription to ${s.planId ?? s.dodoProductId}`, email, at: s.createdAt };
}
