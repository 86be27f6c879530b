// Loading what a handler needs by subject id: the database is the truth, the payload only a hint.
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { orders, payments, plans, subscriptions, users, type Plan } from '@/db/schema';
import { MissingSubjectError } from '../kinds';

export async function loadUser(db: Database, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new MissingSubjectError(`user ${userId}`);
  return user;
}

/** The address to write to; a user without one cannot be mailed, which is worth an operator's look. */
export function mailboxOf(user: { id: string; email: string | null }) {
  if (!user.email) throw new Error(`user ${user.id} has no email address`);
  return user.email;
}

export async function loadPlan(db: Database, planId: string | null | undefined): Promise<Plan | null> {
  if (!planId) return null;
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  return plan ?? null;
}

export async function loadPayment(db: Database, paymentId: string) {
  const [row] = await db
    .select({ payment: payments, orderPlanId: orders.planId, subscriptionPlanId: subscriptions.planId })
    .from(payments)
    .leftJoin(orders, eq(orders.id, payments.orderId))
    .leftJoin(subscriptions, eq(subscriptions.id, payments.subscriptionId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new MissingSubjectError(`payment ${paymentId}`);
  return { ...row.payment, plan: await loadPlan(db, row.orderPlanId ?? row.subscriptionPlanId) };
}

export async function loadSubscription(db: Database, subscriptionId: string) {
  const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
  if (!subscription) throw new MissingSubjectError(`subscription ${subscriptionId}`);
  return { ...subscription, plan: await loadPlan(db, subscription.planId) };
}

/** The plan of the user's most recent paid order (what "the plan they just activated" means in the database). */
export async function latestPaidPlan(db: Database, userId: string): Promise<Plan | null> {
  const [order] = await db
    .select({ planId: orders.planId })
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.status, 'paid')))
    .orderBy(desc(orders.paidAt))
    .limit(1);
  return loadPlan(db, order?.planId);
}
