import { BodyTooLarge, readCappedText } from '@/lib/http/capped-body';
import { webhookAnswer } from '@/lib/http/webhook-answer';
import { handleTracedDodoWebhook } from '@/lib/ops/webhook-deliveries';

export const dynamic = 'force-dynamic';

/** Dodo's events are a few kB; anything past this is refused before it is read or verified. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export async function POST(request: Request) {
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
