// A worker process for the "killed mid-job" test: it provisions the workspace for real, then blocks
// forever before the job can be recorded as done, and says so on stdout so the test can kill it.
import { startWorker } from '../../lib/jobs/worker';
import { fulfilmentHandlers } from '../../lib/jobs/tasks';
import { requireDatabaseUrl } from '../../lib/env';

await startWorker({
  databaseUrl: requireDatabaseUrl(),
  concurrency: 1,
  pollInterval: 100,
  // Set by the test that spawns this process (test harness, not configuration).
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
