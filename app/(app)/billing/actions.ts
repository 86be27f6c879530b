'use server';

import { z } from 'zod';
import { actionWithUser } from '@/lib/actions';
import {
  SubscriptionNotFound,
  cancelNow,
  changePlan,
  customerPortalLink,
  paymentMethodUpdateLink,
  previewPlanChange,
  setCancelAtPeriodEnd,
} from '@/lib/billing/subscription-management';

const toBilling = () => '/billing';
const subscriptionId = z.string().regex(/^sub_[A-Za-z0-9_-]{1,64}$/, 'Unknown subscription.');
const planId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Unknown plan.');

/** A subscription that is not the user's reads as "not found", whatever the id. */
async function owned<T>(run: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SubscriptionNotFound) return { ok: false, error: 'Subscription not found.' };
    throw err;
  }
}

export const setCancelAtPeriodEndAction = actionWithUser(z.object({ subscriptionId, cancel: z.boolean() }), toBilling, (input, user) =>
  owned(() => setCancelAtPeriodEnd(user.id, input.subscriptionId, input.cancel)),
);

export const cancelNowAction = actionWithUser(z.object({ subscriptionId }), toBilling, (input, user) =>
  owned(() => cancelNow(user.id, input.subscriptionId)),
);

export const previewPlanChangeAction = actionWithUser(z.object({ subscriptionId, planId }), toBilling, (input, user) =>
  owned(() => previewPlanChange(user.id, input.subscriptionId, input.planId)),
);

export const changePlanAction = actionWithUser(z.object({ subscriptionId, planId }), toBilling, (input, user) =>
  owned(() => changePlan(user.id, input.subscriptionId, input.planId)),
);

export const paymentMethodUpdateAction = actionWithUser(z.object({ subscriptionId }), toBilling, (input, user) =>
  owned(() => paymentMethodUpdateLink(user.id, input.subscriptionId)),
);

export const customerPortalAction = actionWithUser(z.object({}), toBilling, (_input, user) => customerPortalLink(user.id));
