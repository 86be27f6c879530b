// Discounts: `/discounts` CRUD, `GET /discounts/code/{code}`, and applying discount codes to a checkout and to the
// renewals of the subscriptions it starts (`subscription_cycles`).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Discount, DiscountDetail } from 'dodopayments/resources/discounts';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import type { PaymentLineItem } from '../core/state';
import { CURRENCIES } from '../core/enums';
import { metadataSchema } from './schemas';

const eligibility = z.enum(['any', 'first_time', 'existing', 'specific']);
const currencyOption = z.object({
  currency: z.enum(CURRENCIES),
  is_default: z.boolean().optional(),
  max_amount_possible: z.number().int().nullish(),
  minimum_subtotal: z.number().int().nonnegative().optional(),
});

const discountFields = {
  code: z.string().regex(/^[A-Za-z0-9_-]{3,32}$/, '3-32 letters, digits, _ or -').nullish(),
  currency_options: z.array(currencyOption).nullish(),
  customer_eligibility: eligibility.nullish(),
  expires_at: z.iso.datetime({ offset: true }).nullish(),
  name: z.string().nullish(),
  per_customer_usage_limit: z.number().int().positive().nullish(),
  restricted_to: z.array(z.string()).nullish(),
  starts_at: z.iso.datetime({ offset: true }).nullish(),
  subscription_cycles: z.number().int().positive().nullish(),
  usage_limit: z.number().int().positive().nullish(),
};

const discountCreateSchema = z
  .object({ amount: z.number().int().positive(), type: z.enum(['flat', 'percentage']), metadata: metadataSchema.optional(), preserve_on_plan_change: z.boolean().optional(), ...discountFields })
  .refine((d) => d.type !== 'percentage' || d.amount <= 10_000, { message: 'a percentage amount is in basis points, at most 10000', path: ['amount'] });

const discountUpdateSchema = z.object({
  amount: z.number().int().positive().nullish(),
  type: z.enum(['flat', 'percentage']).nullish(),
  metadata: metadataSchema.nullish(),
  preserve_on_plan_change: z.boolean().nullish(),
  ...discountFields,
});

/** Options whose rules the sandbox does not apply: refused, not ignored. */
function refuseUnemulated(input: { customer_eligibility?: string | null; per_customer_usage_limit?: number | null; currency_options?: unknown[] | null }): void {
  const unemulated = [
    input.customer_eligibility && input.customer_eligibility !== 'any' && `customer_eligibility: ${input.customer_eligibility}`,
    input.per_customer_usage_limit != null && 'per_customer_usage_limit',
    input.currency_options?.length && 'currency_options',
  ].filter(Boolean);
  if (unemulated.length) throw new SandboxError(501, 'NOT_IMPLEMENTED', `Discounts with ${unemulated.join(', ')} are not implemented by the sandbox`);
}

function getDiscount(core: SandboxCore, id: string): Discount {
  const discount = core.state.discounts[id];
  if (!discount) throw notFound('Discount', id);
  return discount;
}

function byCode(core: SandboxCore, code: string): Discount | undefined {
  return Object.values(core.state.discounts).find((d) => d.code.toUpperCase() === code.toUpperCase());
}

function randomCode(): string {
  return randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16).toUpperCase().padEnd(16, 'X');
}

/** The discounts behind checkout codes, in order; an unknown, not-yet-valid, expired or used-up code is a 422. */
export function discountsForCodes(core: SandboxCore, codes: string[]): Discount[] {
  const now = core.now();
  return codes.map((code) => {
    const discount = byCode(core, code);
    const problem = !discount
      ? 'does not exist'
      : discount.starts_at && discount.starts_at > now
        ? 'is not valid yet'
        : discount.expires_at && discount.expires_at <= now
          ? 'has expired'
          : discount.usage_limit != null && discount.times_used >= discount.usage_limit
            ? 'has reached its usage limit'
            : null;
    if (problem || !discount) throw new SandboxError(422, 'INVALID_DISCOUNT_CODE', `Discount code ${code} ${problem}`);
    // @dodopayments/core 0.3.15's webhook schema knows only `percentage`: a payment carrying a flat discount would fail it.
    if (discount.type === 'flat') throw new SandboxError(501, 'NOT_IMPLEMENTED', `Applying the flat discount ${code} is not implemented by the sandbox (only percentage discounts)`);
    return discount;
  });
}

/**
 * Applies percentage discounts in order to the net amounts of the lines they may touch (`restricted_to`, empty =
 * all), each taking its basis points of what is left, shared in proportion. Tax follows the net.
 */
export function applyDiscounts(lines: PaymentLineItem[], discounts: Pick<Discount, 'amount' | 'restricted_to'>[]): { lines: PaymentLineItem[]; discount: number } {
  const result = lines.map((line) => ({ ...line }));
  for (const discount of discounts) {
    const eligible = result.filter((line) => !discount.restricted_to.length || discount.restricted_to.includes(line.items_id));
    const base = eligible.reduce((sum, line) => sum + line.amount, 0);
    if (base === 0) continue;
    const off = Math.round((base * discount.amount) / 10_000);
    let left = off;
    eligible.forEach((line, i) => {
      const share = i === eligible.length - 1 ? left : Math.round((off * line.amount) / base);
      const before = line.amount;
      line.amount = Math.max(0, before - share);
      line.tax = before > 0 ? Math.round((line.tax * line.amount) / before) : line.tax;
      left -= before - line.amount;
    });
  }
  const discount = lines.reduce((sum, line) => sum + line.amount, 0) - result.reduce((sum, line) => sum + line.amount, 0);
  return { lines: result, discount };
}

export function discountDetails(discounts: Discount[], cyclesUsed: number): DiscountDetail[] {
  return discounts.map((d, position) => ({
    amount: d.amount,
    business_id: d.business_id,
    code: d.code,
    created_at: d.created_at,
    discount_id: d.discount_id,
    metadata: d.metadata,
    position,
    preserve_on_plan_change: d.preserve_on_plan_change,
    restricted_to: d.restricted_to,
    times_used: d.times_used,
    type: d.type,
    cycles_remaining: d.subscription_cycles == null ? null : Math.max(0, d.subscription_cycles - cyclesUsed),
    expires_at: d.expires_at ?? null,
    name: d.name ?? null,
    subscription_cycles: d.subscription_cycles ?? null,
    usage_limit: d.usage_limit ?? null,
  }));
}

export function registerDiscountRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/discounts', ({ body }): Discount => {
      const input = parseBody(discountCreateSchema, body);
      refuseUnemulated(input);
      const code = input.code || randomCode();
      if (byCode(core, code)) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `code: a discount with code ${code} exists`);
      const discount: Discount = {
        discount_id: newId(ID_PREFIX.discount),
        business_id: core.state.business_id,
        created_at: core.now(),
        amount: input.amount,
        type: input.type,
        code,
        customer_eligibility: input.customer_eligibility ?? 'any',
        metadata: input.metadata ?? {},
        preserve_on_plan_change: input.preserve_on_plan_change ?? false,
        restricted_to: input.restricted_to ?? [],
        times_used: 0,
        expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
        starts_at: input.starts_at ? new Date(input.starts_at).toISOString() : null,
        name: input.name ?? null,
        subscription_cycles: input.subscription_cycles ?? null,
        usage_limit: input.usage_limit ?? null,
        per_customer_usage_limit: null,
      };
      core.state.discounts[discount.discount_id] = discount;
      return discount;
    })
    .get('/discounts', ({ query }) => {
      const now = core.now();
      const active = query.get('active');
      const items = newestFirst(Object.values(core.state.discounts)).filter(
        (d) =>
          (!query.get('code') || d.code === query.get('code')) &&
          (!query.get('discount_type') || d.type === query.get('discount_type')) &&
          (!query.get('product_id') || !d.restricted_to.length || d.restricted_to.includes(query.get('product_id') as string)) &&
          (active === null || String(!(d.expires_at && d.expires_at <= now) && !(d.starts_at && d.starts_at > now)) === active),
      );
      return paginate(items, query);
    })
    .get('/discounts/code/:code', ({ params }) => {
      const discount = byCode(core, params.code);
      if (!discount) throw notFound('Discount code', params.code);
      return discount;
    })
    .get('/discounts/:id', ({ params }) => getDiscount(core, params.id))
    .patch('/discounts/:id', ({ params, body }): Discount => {
      const discount = getDiscount(core, params.id);
      const input = parseBody(discountUpdateSchema, body);
      refuseUnemulated(input);
      if (input.code && input.code.toUpperCase() !== discount.code.toUpperCase() && byCode(core, input.code)) {
        throw new SandboxError(422, 'INVALID_REQUEST_BODY', `code: a discount with code ${input.code} exists`);
      }
      const type = input.type ?? discount.type;
      const amount = input.amount ?? discount.amount;
      if (type === 'percentage' && amount > 10_000) throw new SandboxError(422, 'INVALID_REQUEST_BODY', 'amount: a percentage amount is in basis points, at most 10000');
      Object.assign(discount, { type, amount });
      if (input.code) discount.code = input.code;
      if (input.metadata) discount.metadata = input.metadata;
      if (input.preserve_on_plan_change != null) discount.preserve_on_plan_change = input.preserve_on_plan_change;
      if (input.restricted_to !== undefined) discount.restricted_to = input.restricted_to ?? [];
      if (input.expires_at !== undefined) discount.expires_at = input.expires_at ? new Date(input.expires_at).toISOString() : null;
      if (input.starts_at !== undefined) discount.starts_at = input.starts_at ? new Date(input.starts_at).toISOString() : null;
      if (input.name !== undefined) discount.name = input.name;
      if (input.subscription_cycles !== undefined) discount.subscription_cycles = input.subscription_cycles;
      if (input.usage_limit !== undefined) discount.usage_limit = input.usage_limit;
      return discount;
    })
    .delete('/discounts/:id', ({ params }) => {
      getDiscount(core, params.id);
      delete core.state.discounts[params.id];
      return new Reply(200, undefined);
    });
}
