// Webhook endpoints: `POST/GET /webhooks`, `GET/PATCH/DELETE /webhooks/{id}`, `GET /webhooks/{id}/secret`.
import { z } from 'zod';
import type { WebhookDetails } from 'dodopayments/resources/webhooks/webhooks';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import type { WebhookEndpointRecord } from '../core/state';
import { generateWebhookSecret } from '../webhooks/signing';

const stringMap = z.record(z.string(), z.string());

const endpointCreateSchema = z.object({
  url: z.url(),
  description: z.string().nullish(),
  disabled: z.boolean().nullish(),
  filter_types: z.array(z.string()).optional(),
  headers: stringMap.nullish(),
  metadata: stringMap.nullish(),
  rate_limit: z.number().int().positive().nullish(),
  idempotency_key: z.string().nullish(),
});

const endpointUpdateSchema = z.object({
  url: z.url().nullish(),
  description: z.string().nullish(),
  disabled: z.boolean().nullish(),
  filter_types: z.array(z.string()).nullish(),
  metadata: stringMap.nullish(),
  rate_limit: z.number().int().positive().nullish(),
});

function toWebhookDetails(endpoint: WebhookEndpointRecord): WebhookDetails {
  const { secret: _secret, headers: _headers, ...details } = endpoint;
  return details;
}

function createWebhookEndpoint(core: SandboxCore, input: z.infer<typeof endpointCreateSchema>, secret = generateWebhookSecret()): WebhookEndpointRecord {
  const now = core.now();
  const endpoint: WebhookEndpointRecord = {
    id: newId(ID_PREFIX.webhookEndpoint),
    created_at: now,
    updated_at: now,
    url: input.url,
    description: input.description ?? '',
    disabled: input.disabled ?? false,
    filter_types: input.filter_types ?? [],
    metadata: input.metadata ?? {},
    rate_limit: input.rate_limit ?? null,
    headers: input.headers ?? {},
    secret,
  };
  core.state.webhook_endpoints[endpoint.id] = endpoint;
  return endpoint;
}

/** The endpoint given by `SandboxOptions.webhookUrl`: created once, its secret kept in step with the options. */
export function ensureConfiguredEndpoint(core: SandboxCore, url: string, secret: string): WebhookEndpointRecord {
  const existing = Object.values(core.state.webhook_endpoints).find((e) => e.url === url);
  if (existing) {
    existing.secret = secret;
    return existing;
  }
  return createWebhookEndpoint(core, { url, description: 'Configured by SandboxOptions.webhookUrl' }, secret);
}

function getEndpoint(core: SandboxCore, id: string): WebhookEndpointRecord {
  const endpoint = core.state.webhook_endpoints[id];
  if (!endpoint) throw notFound('Webhook', id);
  return endpoint;
}

export function registerWebhookEndpointRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/webhooks', ({ body }) => toWebhookDetails(createWebhookEndpoint(core, parseBody(endpointCreateSchema, body))))
    .get('/webhooks', ({ query }) => {
      // Cursor pagination, as the SDK's CursorPagePagination reads it: the iterator is the offset of the next page.
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 50), 1), 100);
      const offset = Number(query.get('iterator') ?? 0) || 0;
      const endpoints = Object.values(core.state.webhook_endpoints);
      const page = endpoints.slice(offset, offset + limit);
      const done = offset + limit >= endpoints.length;
      return { data: page.map(toWebhookDetails), iterator: done ? '' : String(offset + limit), done };
    })
    .get('/webhooks/:id', ({ params }) => toWebhookDetails(getEndpoint(core, params.id)))
    .patch('/webhooks/:id', ({ params, body }) => {
      const endpoint = getEndpoint(core, params.id);
      const input = parseBody(endpointUpdateSchema, body);
      if (input.url) endpoint.url = input.url;
      if (input.description != null) endpoint.description = input.description;
      if (input.disabled != null) endpoint.disabled = input.disabled;
      if (input.filter_types != null) endpoint.filter_types = input.filter_types;
      if (input.metadata != null) endpoint.metadata = input.metadata;
      if (input.rate_limit !== undefined) endpoint.rate_limit = input.rate_limit;
      endpoint.updated_at = core.now();
      return toWebhookDetails(endpoint);
    })
    .delete('/webhooks/:id', ({ params }) => {
      getEndpoint(core, params.id);
      delete core.state.webhook_endpoints[params.id];
      return new Reply(200, undefined);
    })
    .get('/webhooks/:id/secret', ({ params }) => ({ secret: getEndpoint(core, params.id).secret }));
}
