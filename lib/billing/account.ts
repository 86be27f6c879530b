import 'server-only';
// What a buyer has: plans, payments, licence keys and credits, read only from the database.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { creditBalances, licenseKeys, orders, payments, plans, subscriptions } from '@/db/schema';
import { listEntitlements } from './entitlements';
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
      .select({ payment: payments, planName: plans.name, planInterval: plans.interval })
      .from(payments)
      .leftJoin(orders, eq(orders.id, payments.orderId))
      .leftJoin(plans, eq(plans.id, orders.planId))
      .where(eq(payments.userId, userId))
      .orderBy(desc(payments.createdAt)),
    db.select().from(licenseKeys).where(eq(licenseKeys.userId, userId)).orderBy(desc(licenseKeys.createdAt)),
    getCreditBalance(userId),
    listEntitlements(userId),
  ]);
  return { subscriptions: subs, payments: paymentRows, licenseKeys: keys, credits, entitlements: access };
}
