// `npm run worker`: runs the background fulfilment jobs (emails, workspaces, CRM calls) for
// DATABASE_URL until Ctrl-C or SIGTERM. Run as many as you like: the queue's locks share the work.
import nextEnv from '@next/env';
import { env, requireDatabaseUrl } from '../lib/env';
import { reconciliationSchedule } from '../lib/ops/schedule';
import { startWorker } from '../lib/jobs/worker';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });

// Reconciliation calls Dodo: it is scheduled only when the app's configuration is complete here.
let schedule: (typeof reconciliationSchedule)[] = [];
try {
  env();
  schedule = [reconciliationSchedule];
} catch (err) {
  console.warn(`[worker] reconciliation not scheduled: ${(err as Error).message}`);
}
const worker = await startWorker({ databaseUrl: requireDatabaseUrl(), schedule });
console.log('[worker] running; Ctrl-C stops it after the jobs in hand finish');

const stop = () => {
  worker.stop().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`[worker] ${err.message}`);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
