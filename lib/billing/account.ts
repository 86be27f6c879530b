import 'server-only';
// What a buyer has: plans, payments, licence keys and credits, read only from the database.
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { creditBalances, entitlements, licenseKeys, orders, payments, plans, refunds, subscriptions, webhookEvents } from '@/db/schema';
import { listEntitlements, type EntitlementView } from './entitlements';
import { LIVE_SUBSCRIPTION_STATUSES } from './statuses';

export async function getCreditBalance(userId: string) {
  const [row] = await getDb().select({ balance: creditBalances.balance }).from(creditBalances).where(eq(creditBalances.userId, userId));
  return row?.balance ?? 0;
}

/** Plan ids the user holds now: live subscriptions and paid one-time plans that still grant access. */
export async function currentPlanIds(userId: string): Promise<Set<string>> {
  const db = getDb();
  const subs = await db
    .select({ planId: subscriptions.planId })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES)));
  const oneTime = await db
    .select({ planId: orders.planId })
    .from(orders)
    .innerJoin(plans, eq(plans.id, orders.planId))
    .where(and(eq(orders.userId, userId), eq(orders.status, 'paid'), eq(plans.kind, 'one_time')));
  const granted = new Set((await listEntitlements(userId)).map((e) => e.key));
  return new Set([
    ...subs.map((s) => s.planId).filter((id): id is string => Boolean(id)),
    ...oneTime.filter(() => granted.has('license')).map((o) => o.planId),
  ]);
}

/**
 * Access that has ended, one line per purchase that granted it: what (the plan), when, and why
 * (`subscription cancelled`, `fully refunded`, `dispute lost`…), newest first. Keys still usable
 * (through another purchase) and purchases that still grant something are not listed.
 */
export async function endedAccess(userId: string, usable: EntitlementView[]) {
  const usableKeys = new Set(usable.map((e) => e.key));
  const usableSources = new Set<string>(usable.map((e) => e.source));
  const rows = await getDb().execute<{ source: string; key: string; reason: string | null; ended_at: Date; plan_id: string | null }>(sql`
    select e.source, e.key, e.reason,
      case when e.status = 'revoked' then e.updated_at else e.valid_until end as ended_at,
      coalesce(s.plan_id, o.plan_id) as plan_id
    from ${entitlements} e
    left join ${subscriptions} s on e.source = 'subscription:' || s.id
    left join ${payments} p on e.source = 'payment:' || p.id
    left join ${orders} o on o.id = p.order_id
    where e.user_id = ${userId} and (e.status = 'revoked' or e.valid_until <= now())
    order by ended_at desc`);
  const bySource = new Map<string, { planId: string | null; reason: string | null; endedAt: Date }>();
  for (const row of rows) {
    if (usableKeys.has(row.key) || usableSources.has(row.source) || bySource.has(row.source)) continue;
    bySource.set(row.source, { planId: row.plan_id, reason: row.reason, endedAt: new Date(row.ended_at) });
  }
  return [...bySource.values()];
}

export async function getBillingOverview(userId: string) {
  const db = getDb();
  const [subs, paymentRows, keys, credits, access] = await Promise.all([
    db
      .select({ subscription: subscriptions, plan: plans })
      .from(subscriptions)
      .leftJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.userId, userId))
      .orderBy(desc(subscriptions.updatedAt)),
    db
      .select({
        payment: payments,
        plan: plans,
        // Every succeeded refund counts, subscription charges' too (the payment row tracks only one-time ones).
        refundedCents: sql<number>`(select coalesce(sum(amount_cents), 0)::int from ${refunds} where payment_id = ${payments.id} and status = 'succeeded')`,
      })
      .from(payments)
      .leftJoin(orders, eq(orders.id, payments.orderId))
      .leftJoin(subscriptions, eq(subscriptions.id, payments.subscriptionId))
      .leftJoin(plans, eq(plans.id, sql`coalesce(${orders.planId}, ${subscriptions.planId})`))
      // A $0 payment (a trial start, a saved card) charged nothing: it is no part of the history.
      .where(and(eq(payments.userId, userId), gt(payments.amountCents, 0)))
      .orderBy(desc(payments.createdAt)),
    db.select().from(licenseKeys).where(eq(licenseKeys.userId, userId)).orderBy(desc(licenseKeys.createdAt)),
    getCreditBalance(userId),
    listEntitlements(userId),
  ]);
  const ended = await endedAccess(userId, access);
  return { subscriptions: subs, payments: paymentRows, licenseKeys: keys, credits, entitlements: access, ended };
}

/**
 * When Dodo last confirmed a new payment method on one of the user's subscriptions (the
 * `subscription.update_payment_method` webhook), within the last hour; null if it has not (yet).
 */
export async function paymentMethodConfirmedAt(userId: string): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: sql<Date | null>`max(${webhookEvents.eventAt})` })
    .from(webhookEvents)
    .innerJoin(subscriptions, eq(subscriptions.id, webhookEvents.objectId))
    .where(
      and(
        eq(subscriptions.userId, userId),
        eq(webhookEvents.type, 'subscription.update_payment_method'),
        gt(webhookEvents.receivedAt, sql`now() - interval '1 hour'`),
      ),
    );
  return row?.at ? new Date(row.at) : null;
}
