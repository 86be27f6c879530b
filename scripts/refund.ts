// `npm run refund -- <payment_id> [amount_in_cents] [reason…]`: refunds a payment through Dodo
// (the sandbox in dev, or real Dodo when DODO_PAYMENTS_API_KEY is set). Access changes when the
// refund.succeeded webhook arrives.
import nextEnv from '@next/env';
import { issueRefund } from '../lib/billing/refunds';
import { createDodoClient } from '../lib/dodo/create-client';
import { DEFAULT_SANDBOX_API_KEY } from '@dodo-saas-starter/dodo-sandbox';

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const [paymentId, amount, ...reason] = process.argv.slice(2);
if (!paymentId?.startsWith('pay_')) {
  console.error('usage: npm run refund -- <payment_id> [amount_in_cents] [reason…]');
  process.exit(2);
}
const apiKey = process.env.DODO_PAYMENTS_API_KEY;
const client = apiKey
  ? createDodoClient({
      DODO_PAYMENTS_API_KEY: apiKey,
      DODO_PAYMENTS_ENVIRONMENT: process.env.DODO_PAYMENTS_ENVIRONMENT === 'test_mode' ? 'test_mode' : 'live_mode',
    })
  : createDodoClient({
      DODO_PAYMENTS_API_KEY: process.env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
      DODO_PAYMENTS_BASE_URL: `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 8787}`,
    });
const refund = await issueRefund(client, {
  paymentId,
  amountCents: amount && /^\d+$/.test(amount) ? Number(amount) : undefined,
  reason: reason.join(' ') || undefined,
});
console.log(`refund ${refund.refund_id}: ${refund.status}, ${refund.amount ?? 'full'} ${refund.currency ?? ''}`);
