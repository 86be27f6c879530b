import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { plans, type Plan } from '@/db/schema';

/** The active catalogue, in display order. */
export async function listActivePlans(): Promise<Plan[]> {
  return getDb().select().from(plans).where(eq(plans.active, true)).orderBy(asc(plans.sortOrder));
}

export function intervalLabel(plan: Pick<Plan, 'kind' | 'interval'>) {
  if (plan.kind !== 'subscription') return 'one-time';
  return plan.interval === 'year' ? 'per year' : 'per month';
}

export async function findActivePlan(planId: string): Promise<Plan | null> {
  const [plan] = await getDb().select().from(plans).where(and(eq(plans.id, planId), eq(plans.active, true)));
  return plan ?? null;
}

/** The plan the pricing and landing pages mark "Most popular" (by name, so both billing periods carry it). */
export const MOST_POPULAR_PLAN_NAME = 'Team';
