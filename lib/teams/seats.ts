// Buying and releasing seats: a change of the Team subscription's seat add-on at Dodo (change-plan with
// `addons`), previewed first. The workspace's paid seats move only when Dodo's webhook says so.
import { eq } from 'drizzle-orm';
import { APIError } from 'dodopayments';
import type { SubscriptionChangePlanParams } from 'dodopayments/resources/subscriptions';
import { getDb, type Executor } from '@/db';
import { plans, subscriptions, workspaces } from '@/db/schema';
import { formatDate, formatPrice, planFullName } from '@/lib/billing/format';
import { addonsForPlanChange, seatAddonOf } from '@/lib/billing/seat-addons';
import { getDodo } from '@/lib/dodo/client';
import { canManageMembers, WorkspaceError } from './roles';
import { lockWorkspaceFor, paidSeats, seatsTaken } from './workspaces';

/** How many seats beyond the included ones one workspace may buy (a bound on a typo, not a business rule). */
export const MAX_EXTRA_SEATS = 500;

/** A seat change as Dodo prices it: what is charged now (prorated, tax included) and the period after it. */
export type SeatQuote = { seats: number; chargeNowCents: number; currency: string; recurringCents: number; nextBillingDate: string; message: string };

export type SeatChangeResult = { ok: true; message: string; applied: boolean } | { ok: false; error: string; quote: SeatQuote };

/** Checks who asks and what they ask for, with the workspace locked, and builds the change-plan body. */
async function planSeatChange(tx: Executor, input: { actorId: string; workspaceId: string; seats: number }) {
  const { workspace, role } = await lockWorkspaceFor(tx, input.workspaceId, input.actorId);
  if (!canManageMembers(role)) throw new WorkspaceError('Only owners and admins can buy or release seats.');
  if (workspace.kind !== 'team' || !workspace.subscriptionId) throw new WorkspaceError('A personal workspace has one seat. Buy Team to work with others.');
  const [row] = await tx
    .select({ subscription: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.id, workspace.subscriptionId));
  if (!row || row.subscription.status !== 'active') throw new WorkspaceError("This workspace's Team subscription is not active, so its seats cannot change.");
  const seatAddon = await seatAddonOf(row.plan, tx);
  if (!seatAddon || !row.plan.dodoProductId) throw new WorkspaceError(`${planFullName(row.plan)} sells no extra seats.`);
  const [current, taken] = await Promise.all([paidSeats(tx, workspace), seatsTaken(tx, workspace.id)]);
  if (input.seats < current.included) throw new WorkspaceError(`${planFullName(row.plan)} includes ${current.included} seats: that is the fewest a workspace has.`);
  if (input.seats > current.included + MAX_EXTRA_SEATS) throw new WorkspaceError(`At most ${current.included + MAX_EXTRA_SEATS} seats; write to us for more.`);
  if (input.seats < taken) {
    throw new WorkspaceError(
      `${taken} seats are in use (members and open invitations). Remove members or revoke invitations before going down to ${input.seats} seats.`,
    );
  }
  if (input.seats === current.paid) throw new WorkspaceError(`This workspace already has ${current.paid} seats.`);
  const body: SubscriptionChangePlanParams = {
    product_id: row.plan.dodoProductId,
    quantity: 1,
    proration_billing_mode: 'prorated_immediately',
    // Seats are not added on a declined card (the business default may apply the change anyway).
    on_payment_failure: 'prevent_change',
    addons: await addonsForPlanChange(row.subscription, row.plan, row.plan, input.seats - current.included, tx),
  };
  return { subscriptionId: row.subscription.id, body, seats: input.seats, paid: current.paid };
}

async function quote(change: Awaited<ReturnType<typeof planSeatChange>>): Promise<SeatQuote> {
  const preview = await getDodo().subscriptions.previewChangePlan(change.subscriptionId, change.body);
  const { total_amount, currency } = preview.immediate_charge.summary;
  const { recurring_pre_tax_amount, next_billing_date } = preview.new_plan;
  const now = total_amount > 0 ? `${formatPrice(total_amount, currency)} now (prorated, tax included)` : 'nothing now';
  const verb = change.seats > change.paid ? `Buying ${change.seats - change.paid}` : `Releasing ${change.paid - change.seats}`;
  return {
    seats: change.seats,
    chargeNowCents: total_amount,
    currency,
    recurringCents: recurring_pre_tax_amount,
    nextBillingDate: next_billing_date,
    message: `${verb} seat${Math.abs(change.seats - change.paid) === 1 ? '' : 's'} (${change.seats} in all) costs ${now}. Then ${formatPrice(recurring_pre_tax_amount, currency)} per period plus any tax from ${formatDate(next_billing_date)}.`,
  };
}

/** Dodo's refusals read as the form's error; anything else is a fault. */
async function atDodo<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof APIError) throw new WorkspaceError(`Dodo answered ${err.message}`);
    throw err;
  }
}

/** Dodo's preview of going to `seats` seats (nothing changes). */
export async function previewSeatChange(input: { actorId: string; workspaceId: string; seats: number }, db: Executor = getDb()): Promise<SeatQuote> {
  return db.transaction(async (tx) => {
    const change = await planSeatChange(tx, input);
    return atDodo(() => quote(change));
  });
}

const WEBHOOK_WAIT_MS = 8000;

/**
 * Asks Dodo to change the seats, for the previewed amount only (proration moves with time: a new figure
 * goes back to be confirmed). The workspace stays locked meanwhile, so no invitation slips under a
 * reduction. The paid seats change when the webhook lands; this waits a little to say so.
 */
export async function changeSeats(
  input: { actorId: string; workspaceId: string; seats: number; confirmedChargeCents: number; waitMs?: number },
  db: Executor = getDb(),
): Promise<SeatChangeResult> {
  const asked = await db.transaction(async (tx) => {
    const change = await planSeatChange(tx, input);
    const fresh = await atDodo(() => quote(change));
    if (fresh.chargeNowCents !== input.confirmedChargeCents) {
      return { ok: false as const, error: `The amount due now is ${formatPrice(fresh.chargeNowCents, fresh.currency)} (it changed since your preview). Confirm again.`, quote: fresh };
    }
    await atDodo(() => getDodo().subscriptions.changePlan(change.subscriptionId, change.body));
    return { ok: true as const };
  });
  if (!asked.ok) return asked;
  const applied = await waitForSeats(db, input.workspaceId, input.seats, input.waitMs ?? WEBHOOK_WAIT_MS);
  return {
    ok: true,
    applied,
    message: applied ? `The workspace now has ${input.seats} seats.` : `Dodo is confirming the change: ${input.seats} seats show here as soon as it does.`,
  };
}

async function waitForSeats(db: Executor, workspaceId: string, seats: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    if ((await paidSeats(db, workspace)).paid === seats) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
