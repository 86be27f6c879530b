// Add-ons (e.g. extra seats): `POST/GET /addons`, `GET/PATCH /addons/{id}`. Images (`PUT /addons/{id}/images`) answer 501.
import { z } from 'zod';
import type { AddonResponse } from 'dodopayments/resources/addons';
import type { Currency, TaxCategory } from 'dodopayments/resources/misc';
import type { SandboxCore } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import { currencySchema, taxCategorySchema } from './schemas';

const addonCreateSchema = z.object({
  name: z.string().min(1),
  price: z.number().int().nonnegative(),
  currency: currencySchema,
  tax_category: taxCategorySchema,
  description: z.string().nullish(),
});

const addonUpdateSchema = z.object({
  name: z.string().min(1).nullish(),
  price: z.number().int().nonnegative().nullish(),
  currency: currencySchema.nullish(),
  tax_category: taxCategorySchema.nullish(),
  description: z.string().nullish(),
  image_id: z.string().nullish(),
});

export function getAddon(core: SandboxCore, addonId: string): AddonResponse {
  const addon = core.state.addons[addonId];
  if (!addon) throw notFound('Addon', addonId);
  return addon;
}

function createAddon(core: SandboxCore, body: unknown): AddonResponse {
  const input = parseBody(addonCreateSchema, body);
  const now = core.now();
  const addon: AddonResponse = {
    id: newId(ID_PREFIX.addon),
    business_id: core.state.business_id,
    created_at: now,
    updated_at: now,
    name: input.name,
    price: input.price,
    currency: input.currency as Currency,
    tax_category: input.tax_category as TaxCategory,
    description: input.description ?? null,
    image: null,
  };
  core.state.addons[addon.id] = addon;
  return addon;
}

function updateAddon(core: SandboxCore, addonId: string, body: unknown): AddonResponse {
  const addon = getAddon(core, addonId);
  const input = parseBody(addonUpdateSchema, body);
  if (input.name) addon.name = input.name;
  if (input.price != null) addon.price = input.price;
  if (input.currency) addon.currency = input.currency as Currency;
  if (input.tax_category) addon.tax_category = input.tax_category as TaxCategory;
  if (input.description !== undefined) addon.description = input.description;
  addon.updated_at = core.now();
  return addon;
}

export function registerAddonRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/addons', ({ body }) => createAddon(core, body))
    .get('/addons', ({ query }) => paginate(newestFirst(Object.values(core.state.addons)), query))
    .get('/addons/:id', ({ params }) => getAddon(core, params.id))
    .patch('/addons/:id', ({ params, body }) => updateAddon(core, params.id, body));
}
