// Signs a webhook exactly as Dodo does (Standard Webhooks), for tests and the benchmark.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export type SignedDelivery = { id: string; body: string; headers: Record<string, string> };

export function signedWebhook(
  secret: string,
  type: string,
  data: Record<string, unknown>,
  opts: { id?: string; eventAt?: Date; signedAt?: Date; rawBody?: string } = {},
): SignedDelivery {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const eventAt = opts.eventAt ?? new Date();
  const body = opts.rawBody ?? JSON.stringify({ business_id: 'bus_test', type, timestamp: eventAt.toISOString(), data });
  const signedAt = opts.signedAt ?? new Date();
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, signedAt, body),
    },
  };
}
