// Discount codes live at Dodo (`/discounts`): operators create, list and disable them through the SDK, and
// a checkout checks a code here first, so a code Dodo would refuse gets a clear message and creates nothing.
import { and, eq, isNotNull } from 'drizzle-orm';
import { APIError, NotFoundError } from 'dodopayments';
import type { Discount } from 'dodopayments/resources/discounts';
import { getDb } from '@/db';
import { plans, type Plan } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { planFullName } from './format';

/** Dodo's discount code rules, as the sandbox applies them: 3 to 32 letters, digits, `_` or `-`. */
export const DISCOUNT_CODE_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;

/** Set in a disabled code's metadata: it stays at Dodo (payments name it) but has expired. */
const DISABLED_BY = 'disabled_by';

export class DiscountError extends Error {}

export type DiscountView = {
  id: string;
  code: string;
  percentOff: number;
  timesUsed: number;
  usageLimit: number | null;
  expiresAt: string | null;
  /** Plan names the code is restricted to; empty: every plan. */
  plans: string[];
  state: 'active' | 'expired' | 'used up' | 'disabled' | 'scheduled';
};

function stateOf(d: Discount, now = Date.now()): DiscountView['state'] {
  if (d.metadata[DISABLED_BY]) return 'disabled';
  if (d.expires_at && Date.parse(d.expires_at) <= now) return 'expired';
  if (d.starts_at && Date.parse(d.starts_at) > now) return 'scheduled';
  if (d.usage_limit != null && d.times_used >= d.usage_limit) return 'used up';
  return 'active';
}

async function syncedPlans() {
  return getDb().select().from(plans).where(and(eq(plans.active, true), isNotNull(plans.dodoProductId)));
}

/** Every code at Dodo, newest first. */
export async function listDiscounts(): Promise<DiscountView[]> {
  const names = new Map((await syncedPlans()).map((p) => [p.dodoProductId!, planFullName(p)]));
  const views: DiscountView[] = [];
  for await (const d of getDodo().discounts.list({ page_size: 100 })) {
    views.push({
      id: d.discount_id,
      code: d.code,
      // Only `percentage` is applied (see the README): a flat code made elsewhere shows as 0 % off.
      percentOff: d.type === 'percentage' ? d.amount / 100 : 0,
      timesUsed: d.times_used,
      usageLimit: d.usage_limit ?? null,
      expiresAt: d.expires_at ?? null,
      plans: d.restricted_to.map((id) => names.get(id) ?? id),
      state: stateOf(d),
    });
  }
  return views;
}

export type NewDiscount = { code: string; percentOff: number; expiresAt: Date | null; usageLimit: number | null; planIds: string[] };

/**
 * Creates a percentage code at Dodo. Only percentages: `@dodopayments/core`'s webhook schema (and so the
 * sandbox) knows no other discount type on a payment, so a fixed amount would be a promise we cannot test.
 */
export async function createDiscount(input: NewDiscount, actor: string): Promise<DiscountView['code']> {
  const catalogue = await syncedPlans();
  const restricted = input.planIds.map((id) => catalogue.find((p) => p.id === id));
  if (restricted.some((p) => !p)) throw new DiscountError('Pick plans from the catalogue (synced to Dodo).');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new DiscountError('The expiry must be in the future.');
  try {
    const created = await getDodo().discounts.create({
      type: 'percentage',
      amount: Math.round(input.percentOff * 100),
      code: input.code,
      name: `${input.percentOff}% off`,
      expires_at: input.expiresAt?.toISOString() ?? null,
      usage_limit: input.usageLimit,
      // One payment: the first. Renewals are at full price, as /billing says (a code for every cycle would make it lie).
      subscription_cycles: 1,
      restricted_to: restricted.map((p) => p!.dodoProductId!),
      metadata: { created_by: actor },
    });
    return created.code;
  } catch (err) {
    if (err instanceof APIError) throw new DiscountError(`Dodo answered ${err.message}`);
    throw err;
  }
}

/** Ends a code now: it expires at Dodo (kept, since payments name it) and is marked as disabled by whom. */
export async function disableDiscount(discountId: string, actor: string): Promise<string> {
  try {
    const current = await getDodo().discounts.retrieve(discountId);
    const updated = await getDodo().discounts.update(discountId, {
      expires_at: new Date().toISOString(),
      metadata: { ...current.metadata, [DISABLED_BY]: actor },
    });
    return updated.code;
  } catch (err) {
    if (err instanceof NotFoundError) throw new DiscountError('That discount does not exist at Dodo.');
    if (err instanceof APIError) throw new DiscountError(`Dodo answered ${err.message}`);
    throw err;
  }
}

/**
 * The code as Dodo has it, if a checkout of `plan` may use it; otherwise a message for the buyer.
 * Dodo checks again when the session is created (a use taken meanwhile is refused there).
 */
export async function checkDiscountCode(code: string, plan: Pick<Plan, 'name' | 'kind' | 'interval' | 'dodoProductId'>): Promise<{ ok: true; code: string } | { ok: false; error: string }> {
  const unknown = { ok: false as const, error: `The discount code ${code} does not exist. Check it and try again.` };
  if (!DISCOUNT_CODE_PATTERN.test(code)) return unknown;
  let discount: Discount;
  try {
    discount = await getDodo().discounts.retrieveByCode(code);
  } catch (err) {
    if (err instanceof NotFoundError) return unknown;
    throw err;
  }
  const problem: Record<Exclude<DiscountView['state'], 'active'>, string> = {
    disabled: `The discount code ${code} is no longer valid.`,
    expired: `The discount code ${code} has expired.`,
    scheduled: `The discount code ${code} is not valid yet.`,
    'used up': `The discount code ${code} has been used up.`,
  };
  const state = stateOf(discount);
  if (state !== 'active') return { ok: false, error: problem[state] };
  if (discount.restricted_to.length && !discount.restricted_to.includes(plan.dodoProductId ?? '')) {
    return { ok: false, error: `The discount code ${code} is not valid for ${planFullName(plan)}.` };
  }
  if (discount.type !== 'percentage') return { ok: false, error: `The discount code ${code} cannot be used here (only percentage codes are supported).` };
  return { ok: true, code: discount.code };
}
