'use server';
// What a buyer does from the pricing and billing pages: start a checkout, manage the subscription,
// spend credits. Each is a form; each re-renders the page from the database afterwards.
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, defineAction } from '@/lib/define-action';
import { hit, tryAgainIn } from '@/lib/rate-limit';
import { checkoutReturnPath, startCheckout } from './checkout';
import { CHECKOUT_THEMES } from './checkout-theme';
import { spendCredits } from './credits';
import { describePlanChange } from './format';
import {
  SubscriptionNotFound,
  cancelNow,
  changePlan,
  customerPortalLink,
  paymentMethodUpdateLink,
  previewPlanChange,
  setCancelAtPeriodEnd,
} from './subscription-management';

const subscriptionId = z.string().regex(/^sub_[A-Za-z0-9_-]{1,64}$/, 'Unknown subscription.');
const planId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Unknown plan.');

/** A subscription that is not the user's reads as "not found", whatever the id. */
async function owned<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SubscriptionNotFound) throw new ActionError('Subscription not found.');
    throw err;
  }
}

/** A Dodo page the buyer goes to (hosted checkout, payment method, portal): a redirect, with or without JavaScript. */
function goTo(result: { ok: true; url: string } | { ok: false; error: string }): { ok: false; error: string } {
  if (!result.ok) return result;
  redirect(result.url);
}

/** The billing page shows stored state: after a change it is rendered again from the database. */
function refreshed<T extends { ok: boolean }>(result: T): T {
  revalidatePath('/billing');
  return result;
}

/**
 * Creates (or reuses) the buyer's order and Dodo checkout session. `opener` is set only by the page's
 * script, which opens the overlay or inline frame itself; without it (no JavaScript, or the hosted
 * style) the buyer is redirected to Dodo's hosted checkout.
 */
export const buyPlan = defineAction(
  {
    access: 'user',
    returnTo: '/pricing',
    input: z.object({
      planId,
      opener: z.enum(['overlay', 'inline']).optional(),
      theme: z.enum(CHECKOUT_THEMES).optional(),
      // An empty field is no code; anything else is checked at Dodo before a checkout starts.
      discountCode: z
        .string()
        .trim()
        .max(64, 'That discount code is too long.')
        .transform((code) => code || undefined)
        .optional(),
      // `renew`: the open checkout told the page its link expired (checkout.link_expired).
      renew: z.literal('expired').optional(),
    }),
  },
  async ({ input, user }) => {
    // The checkout limit also bounds guessing codes.
    const limit = await hit('checkoutPerUser', user.id);
    if (!limit.ok) return { ok: false, error: `Too many checkouts started. ${tryAgainIn(limit.retryAfterSeconds)}` };
    const result = await startCheckout({
      buyer: user,
      planId: input.planId,
      requestId: randomUUID(),
      discountCode: input.discountCode,
      renewExpiredSession: input.renew === 'expired',
      theme: input.theme,
    });
    if (!result.ok) return { ok: false, error: result.error };
    if (!input.opener) redirect(result.checkoutUrl);
    return { ok: true, checkoutUrl: result.checkoutUrl, returnPath: checkoutReturnPath(result.orderId) };
  },
);

export const setCancelAtPeriodEndAction = defineAction(
  { access: 'user', returnTo: '/billing', input: z.object({ subscriptionId, cancel: z.enum(['true', 'false']).transform((v) => v === 'true') }) },
  async ({ input, user }) => refreshed(await owned(() => setCancelAtPeriodEnd(user.id, input.subscriptionId, input.cancel))),
);

export const cancelNowAction = defineAction({ access: 'user', returnTo: '/billing', input: z.object({ subscriptionId }) }, async ({ input, user }) =>
  refreshed(await owned(() => cancelNow(user.id, input.subscriptionId))),
);

/** What moving to another plan costs now; the confirm form then carries the previewed plan. */
export const previewPlanChangeAction = defineAction(
  { access: 'user', returnTo: '/billing', input: z.object({ subscriptionId, planId }) },
  async ({ input, user }) => {
    const preview = await owned(() => previewPlanChange(user.id, input.subscriptionId, input.planId));
    if (!preview.ok) return preview;
    return { ok: true, planId: input.planId, planName: preview.planName, chargeNowCents: preview.chargeNowCents, message: describePlanChange(preview) };
  },
);

/**
 * Changes to the previewed plan for the previewed amount only: when proration has moved since, the answer
 * carries Dodo's new figure to confirm instead of a charge nobody saw.
 */
export const changePlanAction = defineAction(
  { access: 'user', returnTo: '/billing', input: z.object({ subscriptionId, planId, confirmedChargeCents: z.coerce.number().int().nonnegative() }) },
  async ({ input, user }) => {
    const result = await owned(() => changePlan(user.id, input.subscriptionId, input.planId, input.confirmedChargeCents));
    if (!result.ok && 'preview' in result) {
      const { preview } = result;
      return { ok: false, error: result.error, repreview: { planId: preview.planId, planName: preview.planName, chargeNowCents: preview.chargeNowCents, message: describePlanChange(preview) } };
    }
    return refreshed(result);
  },
);

export const paymentMethodUpdateAction = defineAction({ access: 'user', returnTo: '/billing', input: z.object({ subscriptionId }) }, async ({ input, user }) =>
  goTo(await owned(() => paymentMethodUpdateLink(user.id, input.subscriptionId))),
);

export const customerPortalAction = defineAction({ access: 'user', returnTo: '/billing', input: z.object({}) }, async ({ user }) =>
  goTo(await customerPortalLink(user.id)),
);

/**
 * A stand-in for a metered call: spends credits. The page renders a fresh `idempotencyKey` into the
 * form each time, so a resent form (double submit, browser refresh after a no-JS post) counts once.
 */
export const spendCreditsAction = defineAction(
  {
    access: 'user',
    returnTo: '/billing',
    input: z.object({ amount: z.coerce.number().int().positive().max(1_000_000), idempotencyKey: z.uuid('Reload the page and try again.') }),
  },
  async ({ input, user }) => {
    const limit = await hit('creditSpendPerUser', user.id);
    if (!limit.ok) return { ok: false, error: `Too many requests. ${tryAgainIn(limit.retryAfterSeconds)}` };
    const result = await spendCredits({ userId: user.id, amount: input.amount, key: input.idempotencyKey });
    if (!result.ok) return refreshed({ ok: false, error: `Not enough credits: ${result.balance.toLocaleString('en-US')} left.` });
    return refreshed({ ok: true, message: `Used ${input.amount.toLocaleString('en-US')} credits; ${result.balance.toLocaleString('en-US')} left.` });
  },
);
