// Discount codes: `POST/GET /discounts`, `GET/PATCH/DELETE /discounts/{id}`, `GET /discounts/code/{code}`.
// `amount` is basis points for a percentage (540 = 5.4 %) and the smallest currency unit for a flat discount.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Discount } from 'dodopayments/resources/discounts';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import { metadataSchema } from './schemas';

const eligibility = z.enum(['any', 'first_time', 'existing', 'specific']);
const isoDate = z.iso.datetime({ offset: true });

const fields = {
  amount: z.number().int().positive(),
  type: z.enum(['flat', 'percentage']),
  code: z.string().trim().min(3).max(64),
  customer_eligibility: eligibility,
  expires_at: isoDate,
  starts_at: isoDate,
  metadata: metadataSchema,
  name: z.string(),
  per_customer_usage_limit: z.number().int().positive(),
  preserve_on_plan_change: z.boolean(),
  restricted_to: z.array(z.string()),
  subscription_cycles: z.number().int().positive(),
  usage_limit: z.number().int().positive(),
};

const discountCreateSchema = z.object({
  amount: fields.amount,
  type: fields.type,
  code: fields.code.nullish(),
  customer_eligibility: eligibility.nullish(),
  expires_at: fields.expires_at.nullish(),
  starts_at: fields.starts_at.nullish(),
  metadata: fields.metadata.optional(),
  name: fields.name.nullish(),
  per_customer_usage_limit: fields.per_customer_usage_limit.nullish(),
  preserve_on_plan_change: fields.preserve_on_plan_change.optional(),
  restricted_to: fields.restricted_to.nullish(),
  subscription_cycles: fields.subscription_cycles.nullish(),
  usage_limit: fields.usage_limit.nullish(),
});

const discountUpdateSchema = z.object(Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.nullish()])) as {
  [K in keyof typeof fields]: z.ZodOptional<z.ZodNullable<(typeof fields)[K]>>;
});

/** Discounts are kept after deletion (past payments name them); `deleted` is the sandbox's own flag. */
type StoredDiscount = Discount & { deleted?: boolean };

function checkAmount(discount: Pick<Discount, 'type' | 'amount'>) {
  if (discount.type === 'percentage' && discount.amount > 10_000) {
    throw new SandboxError(422, 'INVALID_REQUEST_BODY', 'amount: a percentage discount is at most 10000 basis points (100%)');
  }
}

function checkCodeFree(core: SandboxCore, code: string, except?: string) {
  const taken = Object.values(core.state.discounts).some((d) => !d.deleted && d.code === code && d.discount_id !== except);
  if (taken) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `code: ${code} is already used by another discount`);
}

function visible(discount: StoredDiscount): Discount {
  const { deleted: _deleted, ...rest } = discount;
  return rest;
}

export function getDiscount(core: SandboxCore, discountId: string): StoredDiscount {
  const discount = core.state.discounts[discountId];
  if (!discount || discount.deleted) throw notFound('Discount', discountId);
  return discount;
}

export function getDiscountByCode(core: SandboxCore, code: string): StoredDiscount {
  const discount = Object.values(core.state.discounts).find((d) => !d.deleted && d.code === code);
  if (!discount) throw notFound('Discount code', code);
  return discount;
}

/** Usable now: started, not expired, under its usage limit. */
export function isDiscountActive(discount: Discount, now: string): boolean {
  if (discount.starts_at && discount.starts_at > now) return false;
  if (discount.expires_at && discount.expires_at <= now) return false;
  return discount.usage_limit == null || discount.times_used < discount.usage_limit;
}

function createDiscount(core: SandboxCore, body: unknown): Discount {
  const input = parseBody(discountCreateSchema, body);
  checkAmount(input);
  const code = input.code ?? randomBytes(12).toString('base64url').replace(/[^A-Za-z0-9]/g, '').slice(0, 16).toUpperCase();
  checkCodeFree(core, code);
  const discount: StoredDiscount = {
    discount_id: newId(ID_PREFIX.discount),
    business_id: core.state.business_id,
    created_at: core.now(),
    code,
    amount: input.amount,
    type: input.type,
    customer_eligibility: input.customer_eligibility ?? 'any',
    metadata: input.metadata ?? {},
    preserve_on_plan_change: input.preserve_on_plan_change ?? false,
    restricted_to: input.restricted_to ?? [],
    times_used: 0,
    expires_at: input.expires_at ?? null,
    starts_at: input.starts_at ?? null,
    name: input.name ?? null,
    per_customer_usage_limit: input.per_customer_usage_limit ?? null,
    subscription_cycles: input.subscription_cycles ?? null,
    usage_limit: input.usage_limit ?? null,
  };
  core.state.discounts[discount.discount_id] = discount;
  return visible(discount);
}

function updateDiscount(core: SandboxCore, discountId: string, body: unknown): Discount {
  const discount = getDiscount(core, discountId);
  const input = parseBody(discountUpdateSchema, body);
  const next = { ...discount };
  for (const [key, value] of Object.entries(input)) if (value != null) Object.assign(next, { [key]: value });
  checkAmount(next);
  if (input.code) checkCodeFree(core, input.code, discountId);
  Object.assign(discount, next);
  return visible(discount);
}

export function registerDiscountRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/discounts', ({ body }) => createDiscount(core, body))
    .get('/discounts', ({ query }) => {
      const active = query.get('active');
      const code = query.get('code');
      const type = query.get('discount_type');
      const productId = query.get('product_id');
      const now = core.now();
      const matching = newestFirst(Object.values(core.state.discounts)).filter(
        (d) =>
          !d.deleted &&
          (active === null || String(isDiscountActive(d, now)) === active) &&
          (code === null || d.code === code) &&
          (type === null || d.type === type) &&
          (productId === null || d.restricted_to.length === 0 || d.restricted_to.includes(productId)),
      );
      return paginate(matching.map(visible), query);
    })
    .get('/discounts/code/:id', ({ params }) => visible(getDiscountByCode(core, params.id)))
    .get('/discounts/:id', ({ params }) => visible(getDiscount(core, params.id)))
    .patch('/discounts/:id', ({ params, body }) => updateDiscount(core, params.id, body))
    .delete('/discounts/:id', ({ params }) => {
      getDiscount(core, params.id).deleted = true;
      return new Reply(200, undefined);
    });
}
