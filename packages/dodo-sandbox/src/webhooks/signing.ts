// Standard Webhooks signing (the `standardwebhooks` package): what Dodo's deliveries carry.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Headers for one delivery attempt; the timestamp is the real wall clock so receivers' ±5 min tolerance holds under a virtual clock. */
export function signedHeaders(secret: string, webhookId: string, body: string, sentAt = new Date()): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, sentAt, body),
  };
}
