// `npm run worker`: runs the background fulfilment jobs (emails, workspaces, CRM calls) for
// DATABASE_URL until Ctrl-C or SIGTERM. Run as many as you like: the queue's locks share the work.
import nextEnv from '@next/env';
import { requireDatabaseUrl } from '../lib/env';
import { startWorker } from '../lib/jobs/worker';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });

const worker = await startWorker({ databaseUrl: requireDatabaseUrl() });
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
