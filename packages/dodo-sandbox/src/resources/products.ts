// Products: `POST/GET /products`, `GET/PATCH/DELETE /products/{id}`, `POST /products/{id}/unarchive`.
import { z } from 'zod';
import type { Price, Product, ProductListResponse } from 'dodopayments/resources/products/products';
import type { Currency } from 'dodopayments/resources/misc';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import { unitPrice } from '../core/pricing';
import type { StoredProduct } from '../core/state';
import { currencySchema, metadataSchema, taxCategorySchema, timeIntervalSchema } from './schemas';

const money = z.number().int().nonnegative();

const priceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('one_time_price'),
    currency: currencySchema,
    price: money,
    discount: z.number().optional(),
    discount_bps: z.number().nullish(),
    pay_what_you_want: z.boolean().optional(),
    purchasing_power_parity: z.boolean().optional(),
    suggested_price: money.nullish(),
    tax_inclusive: z.boolean().nullish(),
  }),
  z.object({
    type: z.literal('recurring_price'),
    currency: currencySchema,
    price: money,
    payment_frequency_count: z.number().int().positive(),
    payment_frequency_interval: timeIntervalSchema,
    subscription_period_count: z.number().int().positive(),
    subscription_period_interval: timeIntervalSchema,
    discount: z.number().optional(),
    discount_bps: z.number().nullish(),
    purchasing_power_parity: z.boolean().optional(),
    tax_inclusive: z.boolean().nullish(),
    trial_amount: money.nullish(),
    trial_apply_discounts: z.boolean().nullish(),
    trial_payment_method_optional: z.boolean().optional(),
    trial_period_days: z.number().int().nonnegative().optional(),
    zero_amount_payment_method_optional: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('usage_based_price'),
    currency: currencySchema,
    fixed_price: money,
    meters: z
      .array(
        z.object({
          meter_id: z.string(),
          credit_entitlement_id: z.string().nullish(),
          description: z.string().nullish(),
          free_threshold: z.number().int().nonnegative().nullish(),
          measurement_unit: z.string().nullish(),
          meter_units_per_credit: z.string().nullish(),
          name: z.string().nullish(),
          price_per_unit: z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount in the smallest currency unit').nullish(),
        }),
      )
      .nullish(),
    payment_frequency_count: z.number().int().positive(),
    payment_frequency_interval: timeIntervalSchema,
    subscription_period_count: z.number().int().positive(),
    subscription_period_interval: timeIntervalSchema,
    discount: z.number().optional(),
    discount_bps: z.number().nullish(),
    purchasing_power_parity: z.boolean().optional(),
    tax_inclusive: z.boolean().nullish(),
  }),
]);

const licenseKeyDurationSchema = z.object({ count: z.number().int().positive(), interval: timeIntervalSchema });

const productCreateSchema = z.object({
  name: z.string().min(1),
  price: priceSchema,
  tax_category: taxCategorySchema,
  description: z.string().nullish(),
  addons: z.array(z.string()).nullish(),
  license_key_enabled: z.boolean().nullish(),
  license_key_activations_limit: z.number().int().nonnegative().nullish(),
  license_key_activation_message: z.string().nullish(),
  license_key_duration: licenseKeyDurationSchema.nullish(),
  metadata: metadataSchema.optional(),
});

const productUpdateSchema = productCreateSchema.partial().extend({
  name: z.string().min(1).nullish(),
  price: priceSchema.nullish(),
  tax_category: taxCategorySchema.nullish(),
  metadata: metadataSchema.nullish(),
});

function toProduct(stored: StoredProduct): Product {
  const { archived: _archived, ...product } = stored;
  return product;
}

export function getProduct(core: SandboxCore, productId: string): StoredProduct {
  const product = core.state.products[productId];
  if (!product) throw notFound('Product', productId);
  return product;
}

function createProduct(core: SandboxCore, body: unknown): Product {
  const input = parseBody(productCreateSchema, body);
  const now = core.now();
  const product: StoredProduct = {
    product_id: newId(ID_PREFIX.product),
    brand_id: core.state.brand_id,
    business_id: core.state.business_id,
    created_at: now,
    updated_at: now,
    name: input.name,
    description: input.description ?? null,
    price: input.price as Price,
    tax_category: input.tax_category,
    is_recurring: input.price.type !== 'one_time_price',
    addons: input.addons ?? [],
    credit_entitlements: [],
    entitlements: [],
    metadata: input.metadata ?? {},
    digital_product_delivery: null,
    image: null,
    license_key_enabled: input.license_key_enabled ?? false,
    license_key_activations_limit: input.license_key_activations_limit ?? null,
    license_key_activation_message: input.license_key_activation_message ?? null,
    license_key_duration: input.license_key_duration ?? null,
    pricing_mode: null,
    product_collection_id: null,
    archived: false,
  };
  core.state.products[product.product_id] = product;
  return toProduct(product);
}

function updateProduct(core: SandboxCore, productId: string, body: unknown): void {
  const product = getProduct(core, productId);
  const input = parseBody(productUpdateSchema, body);
  if (input.name) product.name = input.name;
  if (input.description !== undefined) product.description = input.description;
  if (input.price) {
    product.price = input.price as Price;
    product.is_recurring = input.price.type !== 'one_time_price';
  }
  if (input.tax_category) product.tax_category = input.tax_category;
  if (input.addons !== undefined) product.addons = input.addons ?? [];
  if (input.metadata) product.metadata = input.metadata;
  if (input.license_key_enabled != null) product.license_key_enabled = input.license_key_enabled;
  if (input.license_key_activations_limit !== undefined) product.license_key_activations_limit = input.license_key_activations_limit;
  if (input.license_key_activation_message !== undefined) product.license_key_activation_message = input.license_key_activation_message;
  if (input.license_key_duration !== undefined) product.license_key_duration = input.license_key_duration;
  product.updated_at = core.now();
}

function toListItem(product: StoredProduct): ProductListResponse {
  return {
    business_id: product.business_id,
    created_at: product.created_at,
    updated_at: product.updated_at,
    entitlements: product.entitlements,
    is_recurring: product.is_recurring,
    metadata: product.metadata,
    product_id: product.product_id,
    tax_category: product.tax_category,
    currency: product.price.currency as Currency,
    description: product.description ?? null,
    image: product.image ?? null,
    name: product.name ?? null,
    price: unitPrice(product.price),
    price_detail: product.price,
    pricing_mode: product.pricing_mode ?? null,
    tax_inclusive: product.price.tax_inclusive ?? null,
  };
}

export function registerProductRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/products', ({ body }) => createProduct(core, body))
    .get('/products', ({ query }) => {
      const archived = query.get('archived') === 'true';
      const recurring = query.get('recurring');
      const products = newestFirst(Object.values(core.state.products)).filter(
        (p) => p.archived === archived && (recurring === null || String(p.is_recurring) === recurring),
      );
      return paginate(products.map(toListItem), query);
    })
    .get('/products/:id', ({ params }) => toProduct(getProduct(core, params.id)))
    .patch('/products/:id', ({ params, body }) => {
      updateProduct(core, params.id, body);
      return new Reply(200, undefined);
    })
    .delete('/products/:id', ({ params }) => {
      getProduct(core, params.id).archived = true;
      return new Reply(200, undefined);
    })
    .post('/products/:id/unarchive', ({ params }) => {
      getProduct(core, params.id).archived = false;
      return new Reply(200, undefined);
    });
}

/** A product a buyer can still purchase: exists and is not archived. */
export function purchasableProduct(core: SandboxCore, productId: string): StoredProduct {
  const product = core.state.products[productId];
  if (!product || product.archived) throw new SandboxError(422, 'PRODUCT_NOT_FOUND', `Product ${productId} does not exist or is archived`);
  return product;
}
