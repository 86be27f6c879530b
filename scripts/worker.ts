// `npm run worker`: runs the background fulfilment jobs (emails, workspaces, CRM calls) against
// DATABASE_DIRECT_URL (else DATABASE_URL) until Ctrl-C or SIGTERM, which takes no new jobs and lets
// the jobs in hand finish. Run as many as you like: the queue's locks share the work.
import { checkStartupOrExit } from '../lib/startup';
import { requireDirectDatabaseUrl } from '../lib/env';
import { reconciliationSchedule, trialReminderSchedule, retentionSchedule } from '../lib/ops/schedule';
import { startWorker } from '../lib/jobs/worker';
import { loadEnvFiles } from './lib/env-files';

loadEnvFiles('as NODE_ENV');

// The whole configuration (reconciliation calls Dodo, mail needs its settings) and the database, before any job.
await checkStartupOrExit('worker', { database: 'direct' });
const worker = await startWorker({ databaseUrl: requireDirectDatabaseUrl(), schedule: [reconciliationSchedule, trialReminderSchedule, retentionSchedule] });

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
// Said only once the signals are handled: a supervisor may stop the worker as soon as it reads this.
console.log('[worker] running; Ctrl-C stops it after the jobs in hand finish');
