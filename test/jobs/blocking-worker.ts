// A worker process for the "killed mid-job" test: it provisions the workspace for real, then blocks
// forever before the job can be recorded as done, and says so on stdout so the test can kill it.
import { startWorker } from '../../lib/jobs/worker';
import { fulfilmentHandlers } from '../../lib/jobs/tasks';

await startWorker({
  databaseUrl: process.env.DATABASE_URL!,
  concurrency: 1,
  pollInterval: 100,
  lockTimeoutMs: Number(process.env.LOCK_TIMEOUT_MS),
  log: () => {},
  handlers: {
    provision_workspace: async (ctx) => {
      await fulfilmentHandlers.provision_workspace(ctx);
      console.log(`BLOCKED ${ctx.fulfilment.id}`);
      return new Promise<string>(() => {});
    },
  },
});
