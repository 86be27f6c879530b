// Add-ons (seats, extras): `POST/GET /addons`, `GET/PATCH /addons/{id}`; attached to subscription lines at checkout
// and on change-plan, billed with the plan on every renewal.
import { z } from 'zod';
import type { AddonResponse } from 'dodopayments/resources/addons';
import type { AttachAddon, Subscription } from 'dodopayments/resources/subscriptions';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import { taxRatePercent } from '../core/pricing';
import type { PaymentLineItem, StoredProduct } from '../core/state';
import { currencySchema } from './schemas';

const taxCategorySchema = z.enum(['digital_products', 'saas', 'e_book', 'edtech', 'live_tutoring']);

const addonCreateSchema = z.object({
  currency: currencySchema,
  name: z.string().min(1),
  price: z.number().int().nonnegative(),
  tax_category: taxCategorySchema,
  description: z.string().nullish(),
});

const addonUpdateSchema = z.object({
  currency: currencySchema.nullish(),
  description: z.string().nullish(),
  image_id: z.string().nullish(),
  name: z.string().min(1).nullish(),
  price: z.number().int().nonnegative().nullish(),
  tax_category: taxCategorySchema.nullish(),
});

export const attachAddonsSchema = z.array(z.object({ addon_id: z.string(), quantity: z.number().int().positive() })).max(20);

export function getAddon(core: SandboxCore, id: string): AddonResponse {
  const addon = core.state.addons[id];
  if (!addon) throw notFound('Addon', id);
  return addon;
}

/** Add-ons a subscription product may carry: listed on the product, in its currency (422 otherwise). */
export function checkAddons(core: SandboxCore, product: StoredProduct, addons: AttachAddon[]): AttachAddon[] {
  for (const { addon_id } of addons) {
    const addon = core.state.addons[addon_id];
    if (!addon) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `Addon ${addon_id} does not exist`);
    if (!product.is_recurring) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `Addons attach to subscription products; ${product.product_id} is one-time`);
    if (!(product.addons ?? []).includes(addon_id)) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `Addon ${addon_id} is not offered with product ${product.product_id}`);
    if (addon.currency !== product.price.currency) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `Addon ${addon_id} is priced in ${addon.currency}, the product in ${product.price.currency}`);
  }
  return addons.map(({ addon_id, quantity }) => ({ addon_id, quantity }));
}

/** One priced line per add-on (net of tax; tax by billing country). `free` prices them at 0 (a trial). */
export function addonLines(core: SandboxCore, addons: AttachAddon[], country: string | null | undefined, free = false): PaymentLineItem[] {
  const rate = taxRatePercent(country) / 100;
  return addons.map(({ addon_id, quantity }) => {
    const addon = getAddon(core, addon_id);
    const amount = free ? 0 : addon.price * quantity;
    return { items_id: addon_id, name: addon.name, description: addon.description ?? null, quantity, amount, tax: Math.round(amount * rate) };
  });
}

/** Pre-tax amount the subscription's add-ons add to each period. */
export function addonsAmount(core: SandboxCore, subscription: Pick<Subscription, 'addons'>): number {
  return subscription.addons.reduce((sum, { addon_id, quantity }) => sum + (core.state.addons[addon_id]?.price ?? 0) * quantity, 0);
}

export function registerAddonRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/addons', ({ body }): AddonResponse => {
      const input = parseBody(addonCreateSchema, body);
      const now = core.now();
      const addon: AddonResponse = { ...input, description: input.description ?? null, id: newId(ID_PREFIX.addon), business_id: core.state.business_id, created_at: now, updated_at: now, image: null };
      core.state.addons[addon.id] = addon;
      return addon;
    })
    .get('/addons', ({ query }) => paginate(newestFirst(Object.values(core.state.addons)), query))
    .get('/addons/:id', ({ params }) => getAddon(core, params.id))
    .patch('/addons/:id', ({ params, body }): AddonResponse => {
      const addon = getAddon(core, params.id);
      const input = parseBody(addonUpdateSchema, body);
      if (input.image_id) throw new SandboxError(501, 'NOT_IMPLEMENTED', 'Addon images are not implemented by the sandbox');
      if (input.currency) addon.currency = input.currency;
      if (input.description !== undefined) addon.description = input.description;
      if (input.name) addon.name = input.name;
      if (input.price != null) addon.price = input.price;
      if (input.tax_category) addon.tax_category = input.tax_category;
      addon.updated_at = core.now();
      return addon;
    });
}
