import { handleTracedDodoWebhook } from '@/lib/ops/webhook-deliveries';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  // Verify the raw text: re-serialised JSON would never match the signature.
  const rawBody = await request.text();
  // standardwebhooks wants a plain object; a Headers instance reads as "missing headers".
  const headers = Object.fromEntries(request.headers.entries());
  try {
    // Verifies and applies (lib/billing/webhooks.ts), and logs the delivery for the operator timeline.
    const { status, body } = await handleTracedDodoWebhook(rawBody, headers);
    return Response.json(body, { status });
  } catch (err) {
    // A database failure: answer 5xx so Dodo retries; the transaction left nothing behind.
    // Log the database's reason only: the wrapped error would print the query with payload values.
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message.split('\n')[0];
    console.error(`[webhook] failed to apply ${headers['webhook-id']}: ${cause}`);
    return Response.json({ error: 'temporarily unable to process the event' }, { status: 503 });
  }
}
