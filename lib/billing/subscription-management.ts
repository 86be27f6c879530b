import 'server-only';
// What a buyer can do with their subscription from the billing page. Each call asks Dodo to make
// the change, then waits for the webhook to land in the database: the page shows stored state only.
import { and, eq } from 'drizzle-orm';
import { APIError } from 'dodopayments';
import { getDb } from '@/db';
import { plans, subscriptions, users, type Plan } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { env } from '@/lib/env';
import { formatPrice, planFullName } from './format';
import { addonsForPlanChange } from './seat-addons';

const WEBHOOK_WAIT_MS = 8000;

export type ManageResult = { ok: true; message: string } | { ok: false; error: string };

export class SubscriptionNotFound extends Error {}

/** The user's own subscription; anything else (another user's id, a made-up id) is not found. */
export async function ownedSubscription(userId: string, subscriptionId: string) {
  const [row] = await getDb()
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.userId, userId)));
  if (!row) throw new SubscriptionNotFound();
  return row;
}

/** Polls the stored subscription until the webhook for the change has been applied (or time runs out). */
async function waitForWebhook(subscriptionId: string, done: (row: typeof subscriptions.$inferSelect) => boolean) {
  const deadline = Date.now() + WEBHOOK_WAIT_MS;
  while (Date.now() < deadline) {
    const [row] = await getDb().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    if (row && done(row)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function dodoError(err: unknown): ManageResult {
  if (err instanceof APIError) return { ok: false, error: `Dodo answered ${err.message}` };
  throw err;
}

async function afterChange(subscriptionId: string, done: (row: typeof subscriptions.$inferSelect) => boolean, message: string): Promise<ManageResult> {
  const applied = await waitForWebhook(subscriptionId, done);
  return { ok: true, message: applied ? message : `${message} It will show here as soon as Dodo confirms it.` };
}

export async function setCancelAtPeriodEnd(userId: string, subscriptionId: string, cancel: boolean): Promise<ManageResult> {
  await ownedSubscription(userId, subscriptionId);
  try {
    await getDodo().subscriptions.update(subscriptionId, { cancel_at_next_billing_date: cancel });
  } catch (err) {
    return dodoError(err);
  }
  return afterChange(
    subscriptionId,
    (row) => row.cancelAtPeriodEnd === cancel,
    cancel ? 'Your subscription will end at the close of this billing period.' : 'Your subscription will renew as usual.',
  );
}

export async function cancelNow(userId: string, subscriptionId: string): Promise<ManageResult> {
  await ownedSubscription(userId, subscriptionId);
  try {
    await getDodo().subscriptions.update(subscriptionId, { status: 'cancelled' });
  } catch (err) {
    return dodoError(err);
  }
  return afterChange(subscriptionId, (row) => row.status === 'cancelled', 'Your subscription is cancelled.');
}

/** Plans the subscription can move to: the other subscription plans. */
export async function planChangeOptions(currentPlanId: string | null) {
  return getDb()
    .select()
    .from(plans)
    .where(and(eq(plans.kind, 'subscription'), eq(plans.active, true)))
    .then((rows) => rows.filter((p) => p.id !== currentPlanId && p.dodoProductId));
}

async function targetPlan(planId: string) {
  const [plan] = await getDb()
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.kind, 'subscription'), eq(plans.active, true)));
  return plan?.dodoProductId ? plan : null;
}

/** Dodo's own figures for a plan change, never recomputed: what is charged now, and the period after it. */
export type ChangePreview =
  | { ok: true; planId: string; planName: string; chargeNowCents: number; currency: string; nextBillingDate: string; priceCents: number; interval: 'month' | 'year' | null }
  | { ok: false; error: string };

const PRORATION = 'prorated_immediately' as const;

/** The change Dodo is asked to preview and make: the plan, and the extra seats it keeps (see seat-addons.ts). */
async function planChangeBody(subscription: typeof subscriptions.$inferSelect, plan: Plan) {
  const [current] = subscription.planId ? await getDb().select().from(plans).where(eq(plans.id, subscription.planId)) : [];
  return {
    product_id: plan.dodoProductId!,
    quantity: 1,
    proration_billing_mode: PRORATION,
    addons: await addonsForPlanChange(subscription, current ?? null, plan),
  };
}

export async function previewPlanChange(userId: string, subscriptionId: string, planId: string): Promise<ChangePreview> {
  const subscription = await ownedSubscription(userId, subscriptionId);
  const plan = await targetPlan(planId);
  if (!plan) return { ok: false, error: 'That plan does not exist.' };
  try {
    const preview = await getDodo().subscriptions.previewChangePlan(subscriptionId, await planChangeBody(subscription, plan));
    const { total_amount, currency } = preview.immediate_charge.summary;
    return {
      ok: true,
      planId: plan.id,
      planName: planFullName(plan),
      chargeNowCents: total_amount,
      currency,
      nextBillingDate: preview.new_plan.next_billing_date,
      priceCents: plan.priceCents,
      interval: plan.interval,
    };
  } catch (err) {
    const result = dodoError(err);
    return result.ok ? { ok: false, error: 'unexpected' } : result;
  }
}

export type ChangeResult = ManageResult | { ok: false; error: string; preview: Extract<ChangePreview, { ok: true }> };

/**
 * Changes the plan only for the amount the buyer confirmed: proration moves with time, so Dodo is asked
 * again first, and a different figure goes back to the buyer to confirm instead of being charged.
 */
export async function changePlan(userId: string, subscriptionId: string, planId: string, confirmedChargeCents: number): Promise<ChangeResult> {
  const preview = await previewPlanChange(userId, subscriptionId, planId);
  if (!preview.ok) return preview;
  if (preview.chargeNowCents !== confirmedChargeCents) {
    return { ok: false, error: `The amount due now is ${formatPrice(preview.chargeNowCents, preview.currency)} (it changed since your preview). Confirm again to change.`, preview };
  }
  const plan = (await targetPlan(planId))!;
  try {
    await getDodo().subscriptions.changePlan(subscriptionId, await planChangeBody(await ownedSubscription(userId, subscriptionId), plan));
  } catch (err) {
    return dodoError(err);
  }
  return afterChange(subscriptionId, (row) => row.planId === plan.id, `You are now on ${planFullName(plan)}.`);
}

/** A Dodo page where the buyer enters a new card; paying there reactivates an on-hold subscription. */
export async function paymentMethodUpdateLink(userId: string, subscriptionId: string): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  await ownedSubscription(userId, subscriptionId);
  try {
    const res = await getDodo().subscriptions.updatePaymentMethod(subscriptionId, {
      payment_method: { type: 'new', return_url: `${env().APP_URL}/billing?updated=payment-method` },
    });
    if (!res.payment_link) return { ok: false, error: 'Dodo returned no page to update the payment method.' };
    return { ok: true, url: res.payment_link };
  } catch (err) {
    const result = dodoError(err);
    return result.ok ? { ok: false, error: 'unexpected' } : result;
  }
}

/** Dodo's customer portal for this buyer (update card, cancel, invoices). */
export async function customerPortalLink(userId: string): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  const [user] = await getDb().select({ customerId: users.dodoCustomerId }).from(users).where(eq(users.id, userId));
  if (!user?.customerId) return { ok: false, error: 'No Dodo customer yet: the portal opens after your first payment.' };
  try {
    const session = await getDodo().customers.customerPortal.create(user.customerId, { return_url: `${env().APP_URL}/billing` });
    return { ok: true, url: session.link };
  } catch (err) {
    const result = dodoError(err);
    return result.ok ? { ok: false, error: 'unexpected' } : result;
  }
}
