import type { NextRequest } from 'next/server';
import { Webhooks } from '@dodopayments/nextjs';
import { getDb } from '@/db';
import { payments } from '@/db/schema';
import { env, readEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

/**
 * The benchmark's comparison: a webhook route built the way Dodo's Next.js adapter documents it
 * (`Webhooks` verifies and parses with its strict schema; `onPaymentSucceeded` upserts the payment row),
 * with no inbox, no transaction and no follow-up jobs. It exists only with BENCHMARK_ROUTES=1.
 */
let handler: ((request: NextRequest) => Promise<Response>) | undefined;

export async function POST(request: NextRequest) {
  if (readEnv(['BENCHMARK_ROUTES']).BENCHMARK_ROUTES !== '1') return new Response('Not found', { status: 404 });
  handler ??= Webhooks({
    webhookKey: env().DODO_PAYMENTS_WEBHOOK_KEY,
    onPaymentSucceeded: async ({ data, timestamp }) => {
      const row = { status: data.status ?? 'succeeded', lastEventAt: new Date(timestamp) };
      await getDb()
        .insert(payments)
        .values({ id: data.payment_id, amountCents: data.total_amount, currency: data.currency, customerId: data.customer.customer_id, ...row })
        .onConflictDoUpdate({ target: payments.id, set: row });
    },
  });
  return handler(request);
}
