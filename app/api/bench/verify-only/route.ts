import { WebhookVerificationError } from 'standardwebhooks';
import { verifyWebhook } from '@/lib/billing/webhooks';
import { readEnv } from '@/lib/env';
import { webhookAnswer } from '@/lib/http/webhook-answer';

export const dynamic = 'force-dynamic';

/**
 * The benchmark's baseline: the webhook route's signature check and nothing else. It exists only
 * when the server runs with BENCHMARK_ROUTES=1 (`npm run bench` sets it); otherwise it is a 404.
 */
export async function POST(request: Request) {
  if (readEnv(['BENCHMARK_ROUTES']).BENCHMARK_ROUTES !== '1') return new Response('Not found', { status: 404 });
  const rawBody = await request.text();
  try {
    verifyWebhook(rawBody, Object.fromEntries(request.headers.entries()));
  } catch (err) {
    return webhookAnswer({ error: 'invalid' }, err instanceof WebhookVerificationError ? 401 : 400);
  }
  return webhookAnswer({ received: true });
}
