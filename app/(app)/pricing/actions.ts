'use server';

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actionWithUser } from '@/lib/actions';
import { startCheckout } from '@/lib/billing/checkout';

const BuyPlan = z.object({ planId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'Unknown plan.') });

/** Creates (or reuses) the buyer's order and Dodo checkout session; returns the URL to open. */
export const buyPlan = actionWithUser(
  BuyPlan,
  (input) => `/pricing?plan=${encodeURIComponent(String((input as { planId?: unknown })?.planId ?? ''))}`,
  (input, user) => startCheckout({ buyer: user, planId: input.planId, requestId: randomUUID() }),
);
