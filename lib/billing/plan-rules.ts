// The rules about which plans a buyer may hold together: the one place they live.
// A product line is a set of plans that replace one another (Pro and Team, monthly and yearly): a buyer
// holds at most one live subscription per line and moves between its plans with a plan change.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { plans, subscriptions, type Plan } from '@/db/schema';
import { LIVE_SUBSCRIPTION_STATUSES } from './statuses';

/** Every subscription plan of this catalogue is one line; one-time plans (licence, credits) stack freely. */
export type ProductLine = 'subscription';

export function productLineOf(plan: Pick<Plan, 'kind'>): ProductLine | null {
  return plan.kind === 'subscription' ? 'subscription' : null;
}

/** The open-order key of a purchase: per user and line for subscriptions (at most one open at a time), else per plan. */
export function orderIdempotencyKey(userId: string, plan: Pick<Plan, 'id' | 'kind'>): string {
  const line = productLineOf(plan);
  return line ? `${userId}:line:${line}` : `${userId}:${plan.id}`;
}

/**
 * Serialises everything that can start or end a subscription of this user's line, until the
 * transaction ends: checkouts being started and subscription webhooks being applied.
 */
export async function lockProductLine(tx: Executor, userId: string, line: ProductLine): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`product-line:${line}:${userId}`}, 0))`);
}

export type LiveSubscription = { subscription: typeof subscriptions.$inferSelect; plan: Plan | null };

/** The user's live subscriptions on a line, oldest first (more than one is a duplicate to cancel). */
export async function liveSubscriptionsOnLine(userId: string, line: ProductLine, db: Executor = getDb()): Promise<LiveSubscription[]> {
  const rows = await db
    .select({ subscription: subscriptions, plan: plans })
    .from(subscriptions)
    .leftJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES)))
    .orderBy(subscriptions.createdAt);
  // A subscription whose product is not in the catalogue still counts: it is the buyer's and it bills.
  return rows.filter((r) => !r.plan || productLineOf(r.plan) === line);
}
