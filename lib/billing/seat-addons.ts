// Seats beyond a Team plan's included ones are a Dodo add-on on the subscription. Dodo's change-plan
// replaces the add-on list (an empty one removes them), so every plan change states the seats it keeps.
import { eq, inArray } from 'drizzle-orm';
import type { AttachAddon } from 'dodopayments/resources/subscriptions';
import { getDb, type Executor } from '@/db';
import { addons, type Plan, type SubscriptionAddon } from '@/db/schema';

/** Dodo add-on id → our add-on, for the seat add-ons of these plans. */
async function seatAddonsOf(db: Executor, planList: Pick<Plan, 'seatAddonId'>[]) {
  const ids = planList.map((p) => p.seatAddonId).filter((id): id is string => Boolean(id));
  if (!ids.length) return [];
  return db.select().from(addons).where(inArray(addons.id, ids));
}

/** Extra seats a subscription carries: the quantity of its plan's seat add-on (0 when none). */
export function extraSeatsOf(current: SubscriptionAddon[], seatDodoAddonId: string | null | undefined): number {
  return current.find((a) => a.addon_id === seatDodoAddonId)?.quantity ?? 0;
}

/**
 * The add-ons to send with a change to `target`: the extra seats (`extraSeats`, or those held now) on the
 * target plan's seat add-on, any other add-on unchanged. Moving to a plan without seats drops them.
 */
export async function addonsForPlanChange(
  subscription: { addons: SubscriptionAddon[] },
  current: Pick<Plan, 'seatAddonId'> | null,
  target: Pick<Plan, 'seatAddonId'>,
  extraSeats?: number,
  db: Executor = getDb(),
): Promise<AttachAddon[]> {
  const seatAddons = await seatAddonsOf(db, [...(current ? [current] : []), target]);
  const dodoIdOf = (plan: Pick<Plan, 'seatAddonId'> | null) => seatAddons.find((a) => a.id === plan?.seatAddonId)?.dodoAddonId ?? null;
  const seatIds = new Set(seatAddons.map((a) => a.dodoAddonId));
  const others = subscription.addons.filter((a) => !seatIds.has(a.addon_id));
  const seats = extraSeats ?? extraSeatsOf(subscription.addons, dodoIdOf(current));
  const targetSeatId = dodoIdOf(target);
  return [...others, ...(targetSeatId && seats > 0 ? [{ addon_id: targetSeatId, quantity: seats }] : [])];
}

/** The seat add-on a plan sells, with its Dodo id (null when the plan sells no seats or it is not synced). */
export async function seatAddonOf(plan: Pick<Plan, 'seatAddonId'>, db: Executor = getDb()) {
  if (!plan.seatAddonId) return null;
  const [addon] = await db.select().from(addons).where(eq(addons.id, plan.seatAddonId));
  return addon?.dodoAddonId ? addon : null;
}
