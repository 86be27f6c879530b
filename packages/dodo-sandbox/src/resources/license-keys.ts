// License keys: issued on purchase of a license-key product; `/license_keys` CRUD, `/license_key_instances`, `/licenses/activate|validate|deactivate`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LicenseKey } from 'dodopayments/resources/license-keys';
import type { LicenseKeyInstance } from 'dodopayments/resources/license-key-instances';
import type { LicenseActivateResponse } from 'dodopayments/resources/licenses';
import { SandboxError } from '../engine';
import type { SandboxCore, WebhookData } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { LICENSE_KEY_STATUSES } from '../core/enums';
import { createdWithin, enumFilter, newestFirst, paginate } from '../core/pagination';
import { addInterval } from '../core/pricing';
import type { StoredProduct } from '../core/state';
import { customerLimitedDetails, getCustomer } from './customers';
import { getProduct } from './products';

function licenseKeyEventData(key: LicenseKey): WebhookData {
  return { payload_type: 'LicenseKey', ...structuredClone(key) };
}

/** Issues the key a purchase of a license-key product grants, and emits `license_key.created`. */
export function issueLicenseKey(
  core: SandboxCore,
  input: { product: StoredProduct; customer_id: string; payment_id: string | null; subscription_id: string | null; source?: LicenseKey['source']; key?: string; activations_limit?: number | null; expires_at?: string | null },
): LicenseKey {
  const now = core.now();
  const duration = input.product.license_key_duration;
  const key: LicenseKey = {
    id: newId(ID_PREFIX.licenseKey),
    brand_id: core.state.brand_id,
    business_id: core.state.business_id,
    created_at: now,
    customer_id: input.customer_id,
    product_id: input.product.product_id,
    payment_id: input.payment_id,
    subscription_id: input.subscription_id,
    key: input.key ?? randomUUID().toUpperCase(),
    source: input.source ?? 'auto',
    status: 'active',
    instances_count: 0,
    activations_limit: input.activations_limit !== undefined ? input.activations_limit : (input.product.license_key_activations_limit ?? null),
    expires_at: input.expires_at !== undefined ? input.expires_at : duration ? addInterval(now, duration.interval, duration.count) : null,
  };
  core.state.license_keys[key.id] = key;
  core.emit('license_key.created', licenseKeyEventData(key));
  return key;
}

function getLicenseKey(core: SandboxCore, id: string): LicenseKey {
  const key = core.state.license_keys[id];
  if (!key) throw notFound('License key', id);
  return key;
}

function getInstance(core: SandboxCore, id: string): LicenseKeyInstance {
  const instance = core.state.license_key_instances[id];
  if (!instance) throw notFound('License key instance', id);
  return instance;
}

function findByKey(core: SandboxCore, licenseKey: string): LicenseKey | null {
  return Object.values(core.state.license_keys).find((k) => k.key === licenseKey) ?? null;
}

/** Refreshes the derived status: a key past its expiry date is `expired` unless it was disabled. */
function currentStatus(core: SandboxCore, key: LicenseKey): LicenseKey {
  if (key.status === 'active' && key.expires_at && key.expires_at <= core.now()) key.status = 'expired';
  return key;
}

function usableKey(core: SandboxCore, licenseKey: string): LicenseKey {
  const key = findByKey(core, licenseKey);
  if (!key) throw notFound('License key', licenseKey);
  const status = currentStatus(core, key).status;
  if (status !== 'active') throw new SandboxError(403, 'INACTIVE_LICENSE_KEY', `License key is ${status}`);
  return key;
}

const createSchema = z.object({
  customer_id: z.string(),
  product_id: z.string(),
  key: z.string().min(1),
  activations_limit: z.number().int().nonnegative().nullish(),
  expires_at: z.iso.datetime({ offset: true }).nullish(),
});

const updateSchema = z.object({
  activations_limit: z.number().int().nonnegative().nullish(),
  disabled: z.boolean().nullish(),
  expires_at: z.iso.datetime({ offset: true }).nullish(),
});

const activateSchema = z.object({ license_key: z.string(), name: z.string().min(1) });
const validateSchema = z.object({ license_key: z.string(), license_key_instance_id: z.string().nullish() });
const deactivateSchema = z.object({ license_key: z.string(), license_key_instance_id: z.string() });

function activate(core: SandboxCore, body: unknown): LicenseActivateResponse {
  const input = parseBody(activateSchema, body);
  const key = usableKey(core, input.license_key);
  if (key.activations_limit != null && key.instances_count >= key.activations_limit) {
    throw new SandboxError(422, 'LICENSE_KEY_LIMIT_REACHED', `License key has reached its activation limit of ${key.activations_limit}`);
  }
  const instance: LicenseKeyInstance = {
    id: newId(ID_PREFIX.licenseKeyInstance),
    business_id: core.state.business_id,
    created_at: core.now(),
    license_key_id: key.id,
    name: input.name,
  };
  core.state.license_key_instances[instance.id] = instance;
  key.instances_count += 1;
  const product = core.state.products[key.product_id];
  return {
    ...instance,
    customer: customerLimitedDetails(getCustomer(core, key.customer_id)),
    product: { product_id: key.product_id, name: product?.name ?? null },
  };
}

function validate(core: SandboxCore, body: unknown): { valid: boolean } {
  const input = parseBody(validateSchema, body);
  const key = findByKey(core, input.license_key);
  if (!key || currentStatus(core, key).status !== 'active') return { valid: false };
  if (!input.license_key_instance_id) return { valid: true };
  const instance = core.state.license_key_instances[input.license_key_instance_id];
  return { valid: instance?.license_key_id === key.id };
}

function deactivate(core: SandboxCore, body: unknown): Reply {
  const input = parseBody(deactivateSchema, body);
  const key = findByKey(core, input.license_key);
  if (!key) throw notFound('License key', input.license_key);
  const instance = core.state.license_key_instances[input.license_key_instance_id];
  // Dodo answers an instance of another key (or none) with 403, not 404: the caller may not touch it.
  if (!instance || instance.license_key_id !== key.id) {
    throw new SandboxError(403, 'LICENSE_KEY_NOT_FOUND', `License key instance ${input.license_key_instance_id} does not belong to this key`);
  }
  delete core.state.license_key_instances[instance.id];
  key.instances_count -= 1;
  return new Reply(200, undefined);
}

export function registerLicenseKeyRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/license_keys', ({ query }) => {
      const filters = { customer_id: query.get('customer_id'), product_id: query.get('product_id'), status: enumFilter(query, 'status', LICENSE_KEY_STATUSES), source: enumFilter(query, 'source', ['auto', 'import', 'manual'] as const) };
      const keys = newestFirst(Object.values(core.state.license_keys))
        .map((k) => currentStatus(core, k))
        .filter(
          (k) =>
            (!filters.customer_id || k.customer_id === filters.customer_id) &&
            (!filters.product_id || k.product_id === filters.product_id) &&
            (!filters.status || k.status === filters.status) &&
            (!filters.source || k.source === filters.source) &&
            createdWithin(query, k.created_at),
        );
      return paginate(keys, query);
    })
    .post('/license_keys', ({ body }) => {
      const input = parseBody(createSchema, body);
      getCustomer(core, input.customer_id);
      return issueLicenseKey(core, {
        product: getProduct(core, input.product_id),
        customer_id: input.customer_id,
        payment_id: null,
        subscription_id: null,
        source: 'manual',
        key: input.key,
        activations_limit: input.activations_limit ?? null,
        expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
      });
    })
    .get('/license_keys/:id', ({ params }) => currentStatus(core, getLicenseKey(core, params.id)))
    .patch('/license_keys/:id', ({ params, body }) => {
      const key = getLicenseKey(core, params.id);
      const input = parseBody(updateSchema, body);
      if (input.activations_limit != null && input.activations_limit < key.instances_count) {
        throw new SandboxError(422, 'ACTIVATION_LIMIT_LESS_THAN_CURRENT_AMOUNT', `activations_limit ${input.activations_limit} is below the ${key.instances_count} current activations`);
      }
      if (input.activations_limit !== undefined) key.activations_limit = input.activations_limit;
      if (input.expires_at !== undefined) key.expires_at = input.expires_at ? new Date(input.expires_at).toISOString() : null;
      if (input.disabled === true) key.status = 'disabled';
      if (input.disabled === false || (input.expires_at !== undefined && key.status === 'expired')) key.status = 'active';
      return currentStatus(core, key);
    })
    .get('/license_key_instances', ({ query }) => {
      const licenseKeyId = query.get('license_key_id');
      const instances = newestFirst(Object.values(core.state.license_key_instances)).filter((i) => !licenseKeyId || i.license_key_id === licenseKeyId);
      return paginate(instances, query);
    })
    .get('/license_key_instances/:id', ({ params }) => getInstance(core, params.id))
    .patch('/license_key_instances/:id', ({ params, body }) => {
      const instance = getInstance(core, params.id);
      instance.name = parseBody(z.object({ name: z.string().min(1) }), body).name;
      return instance;
    })
    .post('/licenses/activate', ({ body }) => new Reply(201, activate(core, body)))
    .post('/licenses/validate', ({ body }) => validate(core, body))
    .post('/licenses/deactivate', ({ body }) => deactivate(core, body));
}
