// Starts a throwaway PostgreSQL, the sandbox and `next start` (a production build) on free ports.
import { freePort } from '../../scripts/lib/ports';
import { startStack } from '../../scripts/lib/stack';
import { startNextServer } from '../../scripts/lib/next-server';
import { startWorker } from '../../lib/jobs/worker';
import { trialReminderSchedule } from '../../lib/ops/schedule';
import { DODO_TEST_CHECKOUT_ORIGIN } from './network';

/** The operator account of the e2e app (in its ADMIN_EMAILS; e2e/admin.spec.ts signs it up). */
export const E2E_ADMIN_EMAIL = 'admin@example.test';
/** Also listed; e2e/accounts.spec.ts signs it up unverified to show that listing alone opens nothing. */
export const E2E_LISTED_EMAIL = 'ops-late@example.test';

export default async function globalSetup() {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const stack = await startStack({
    appUrl,
    // Checkout URLs on Dodo's own host, so the app runs the real dodopayments-checkout SDK; the
    // tests' page.route serves that host from the sandbox (see e2e/support/fixtures.ts).
    sandboxOptions: { checkoutBaseUrl: DODO_TEST_CHECKOUT_ORIGIN, timeFactor: 0.001 },
  });
  // The specs and the in-process worker read the stack's configuration from here.
  for (const [key, value] of Object.entries(stack.env)) process.env[key] = value;
  // The worker runs receipts, licence keys and the rest; their mail lands in /dev/mail (DEV_MAILBOX=1).
  // Of the schedules only the trial reminders, which e2e/buyer.spec.ts queues at once with runScheduledTask.
  const worker = await startWorker({ databaseUrl: stack.env.DATABASE_URL, pollInterval: 200, log: () => {}, schedule: [trialReminderSchedule] });
  const app = await startNextServer({
    port,
    // LOG_LEVEL=warn keeps the test output readable; set LOG_LEVEL=info to see the JSON thread of each request.
    env: { LOG_LEVEL: 'warn', ...process.env, ...stack.env, DEV_MAILBOX: '1', ADMIN_EMAILS: `${E2E_ADMIN_EMAIL},${E2E_LISTED_EMAIL}` },
  });

  process.env.E2E_BASE_URL = appUrl;
  if (stack.sandbox) process.env.E2E_SANDBOX_URL = stack.sandbox.url;

  return async () => {
    await app.stop();
    await worker.stop();
    await stack.stop();
  };
}
