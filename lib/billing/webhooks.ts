import 'server-only';
// POST /api/webhooks/dodo: verify, record once, apply — the inbox row and its effects commit together.
import { eq } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { getDb } from '@/db';
import { webhookEvents } from '@/db/schema';
import { env } from '@/lib/env';
import { applyWebhookEvent } from './apply-event';
import { MalformedPayloadError, parseWebhookPayload } from './webhook-payload';

/** The HTTP answer, and for a verified, well-formed payload what it was (so the caller need not parse it again). */
export type WebhookResponse = {
  status: number;
  body: Record<string, unknown>;
  event?: { type: string; objectId: string | null; object: Record<string, unknown> };
};

let verifiers: { secrets: string; webhooks: Webhook[] } | undefined;
function getVerifiers() {
  const secrets = env().DODO_PAYMENTS_WEBHOOK_KEY;
  if (verifiers?.secrets !== secrets) verifiers = { secrets, webhooks: secrets.split(',').map((secret) => new Webhook(secret.trim())) };
  return verifiers.webhooks;
}

/**
 * Verifies the signature over the raw body with each configured secret (a key rotation overlaps);
 * throws WebhookVerificationError when none matches, or SyntaxError (signed, but not JSON).
 */
export function verifyWebhook(rawBody: string, headers: Record<string, string>): unknown {
  let failure: unknown;
  for (const webhook of getVerifiers()) {
    try {
      return webhook.verify(rawBody, headers);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      failure = err;
    }
  }
  throw failure;
}

export async function handleDodoWebhook(rawBody: string, headers: Record<string, string>): Promise<WebhookResponse> {
  let body: unknown;
  try {
    body = verifyWebhook(rawBody, headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError) return { status: 401, body: { error: `invalid signature: ${err.message}` } };
    return { status: 400, body: { error: 'body is not valid JSON' } };
  }

  let parsed: ReturnType<typeof parseWebhookPayload>;
  try {
    parsed = parseWebhookPayload(body);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return { status: 400, body: { error: `malformed payload: ${err.message}` } };
    throw err;
  }

  const webhookId = headers['webhook-id'];
  const { envelope, event, objectId } = parsed;
  const described = { type: envelope.type, objectId, object: event.object };
  const db = getDb();
  // Fast path for retries and replays: one indexed read, no transaction.
  const seen = await db.select({ id: webhookEvents.webhookId }).from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId));
  if (seen.length) return { status: 200, body: { received: true, duplicate: true }, event: described };

  const eventAt = new Date(envelope.timestamp);
  const result = await db.transaction(async (tx) => {
    // The inbox insert is the gate: concurrent deliveries of one id wait here, and all but one find it taken.
    const inserted = await tx
      .insert(webhookEvents)
      .values({ webhookId, type: envelope.type, eventAt, objectId, payload: envelope, outcome: 'pending' })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.webhookId });
    if (inserted.length === 0) return { duplicate: true as const };
    const { outcome, resolvedFromDodo } = await applyWebhookEvent(tx, event, eventAt);
    await tx.update(webhookEvents).set({ outcome, resolvedFromDodo }).where(eq(webhookEvents.webhookId, webhookId));
    return { duplicate: false as const, outcome, resolvedFromDodo };
  });
  return { status: 200, body: { received: true, ...result }, event: described };
}
