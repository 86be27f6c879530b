import { BodyTooLarge, readCappedText } from '@/lib/http/capped-body';
import { webhookAnswer } from '@/lib/http/webhook-answer';
import { webhookMaxInFlightFromEnv } from '@/lib/env';
import { handleTracedDodoWebhook } from '@/lib/ops/webhook-deliveries';

export const dynamic = 'force-dynamic';

/** Dodo's events are a few kB; anything past this is refused before it is read or verified. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Deliveries this process is working on; past WEBHOOK_MAX_IN_FLIGHT the next is turned away at once. */
let inFlight = 0;

export async function POST(request: Request) {
  // Overloaded: a quick 503 that Dodo retries later, rather than a queue for a connection that grows
  // until requests time out (and a load balancer in front runs out of connections).
  if (inFlight >= webhookMaxInFlightFromEnv()) return webhookAnswer({ error: 'too many deliveries at once; retry later' }, 503, { 'retry-after': '5' });
  inFlight += 1;
  try {
    return await answer(request);
  } finally {
    inFlight -= 1;
  }
}

async function answer(request: Request): Promise<Response> {
  // Verify the raw text: re-serialised JSON would never match the signature.
  let rawBody: string;
  try {
    rawBody = await readCappedText(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) return webhookAnswer({ error: 'body larger than 1 MiB' }, 413);
    throw err;
  }
  // standardwebhooks wants a plain object; a Headers instance reads as "missing headers".
  const headers = Object.fromEntries(request.headers.entries());
  try {
    // Verifies and applies (lib/billing/webhooks.ts), and logs the delivery for the operator timeline.
    const { status, body } = await handleTracedDodoWebhook(rawBody, headers);
    return webhookAnswer(body, status);
  } catch {
    // A database failure, already logged and recorded with its reason by the traced handler: answer
    // 5xx so Dodo retries; the transaction left nothing behind.
    return webhookAnswer({ error: 'temporarily unable to process the event' }, 503);
  }
}
