// `npm run refund -- <payment_id> [amount_in_cents] [reason…]`: refunds a payment through Dodo
// (the sandbox in dev, or real Dodo when DODO_PAYMENTS_API_KEY is set). Access changes when the
// refund.succeeded webhook arrives.
import { issueRefund } from '../lib/billing/refunds';
import { createDodoClient } from '../lib/dodo/client';
import { readGivenEnv } from '../lib/env';
import { DEFAULT_SANDBOX_API_KEY } from '@dodo-saas-starter/dodo-sandbox';
import { loadEnvFiles } from './lib/env-files';

loadEnvFiles();

const [paymentId, amount, ...reason] = process.argv.slice(2);
if (!paymentId?.startsWith('pay_')) {
  console.error('usage: npm run refund -- <payment_id> [amount_in_cents] [reason…]');
  process.exit(2);
}
const given = readGivenEnv(['DODO_PAYMENTS_API_KEY', 'DODO_PAYMENTS_ENVIRONMENT', 'SANDBOX_API_KEY', 'SANDBOX_PORT']);
// With a key, real Dodo (live mode unless the environment says test); without, the running dev sandbox.
const client = createDodoClient(
  given.DODO_PAYMENTS_API_KEY
    ? { DODO_PAYMENTS_API_KEY: given.DODO_PAYMENTS_API_KEY, DODO_PAYMENTS_ENVIRONMENT: given.DODO_PAYMENTS_ENVIRONMENT }
    : {
        DODO_PAYMENTS_API_KEY: given.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
        DODO_PAYMENTS_BASE_URL: `http://127.0.0.1:${given.SANDBOX_PORT ?? 8787}`,
      },
);
const refund = await issueRefund(client, {
  paymentId,
  amountCents: amount && /^\d+$/.test(amount) ? Number(amount) : undefined,
  reason: reason.join(' ') || undefined,
});
console.log(`refund ${refund.refund_id}: ${refund.status}, ${refund.amount ?? 'full'} ${refund.currency ?? ''}`);
