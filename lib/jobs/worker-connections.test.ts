// A worker outlives its database connections being cut (a PostgreSQL restart, or the end of a test run
// stopping the database): the error is logged, the pool reconnects, and jobs keep running.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDb, createUser, db } from '@/test/fixtures';
import { enqueueFulfilment } from './enqueue';
import { startTestWorker, stopTestWorkers, useOwnJobQueue, waitForStatus } from '@/test/jobs/harness';
import { jobQueueConnectionName } from './worker';

beforeAll(() => useOwnJobQueue('connections'));
afterAll(async () => {
  await stopTestWorkers();
  await closeDb();
});

it('cut connections are logged, not fatal, and the next job still runs', async () => {
  const lines: string[] = [];
  await startTestWorker({ log: (line) => lines.push(line), handlers: { provision_workspace: async () => 'done' } });
  // The same error a database shutdown sends (57P01, "terminating connection due to administrator command").
  const cut = await db().execute<{ ok: boolean }>(
    sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${jobQueueConnectionName()}`,
  );
  expect(cut.length).toBeGreaterThan(0);

  const user = await createUser();
  await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'provision_workspace', subjectId: user.id, payload: {} }));
  expect((await waitForStatus('provision_workspace', user.id, ['succeeded'])).status).toBe('succeeded');
  expect(lines.some((line) => line.includes('terminating connection'))).toBe(true);
});
