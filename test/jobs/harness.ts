// Test helpers: a graphile-worker schema of the test file's own (so its workers never take another
// file's jobs), fast workers, and waiting for a fulfilment to reach a state.
import { and, eq, sql } from 'drizzle-orm';
import { vi } from 'vitest';
import { fulfilments, type Fulfilment } from '@/db/schema';
import { db } from '@/test/fixtures';
import { requireDatabaseUrl } from '@/lib/env';
import type { FulfilmentKind } from '@/lib/jobs/kinds';
import { jobQueueSchema, jobRunsFulfilment } from '@/lib/jobs/queue';
import { migrateJobQueue, startWorker, type RunningWorker, type WorkerOptions } from '@/lib/jobs/worker';

export const TEST_LOCK_TIMEOUT_MS = 1000;

/** Call at the top of a test file: later calls to the queue (enqueue, workers) use this schema. */
export async function useOwnJobQueue(name: string) {
  // Test harness: the queue's schema is chosen per test file, before lib/env.ts reads it.
  process.env.GRAPHILE_WORKER_SCHEMA = `gw_test_${name}`;
  await migrateJobQueue(requireDatabaseUrl());
}

const running: RunningWorker[] = [];

/** A worker that retries at once and takes over a silent worker's job after a second. */
export async function startTestWorker(opts: Partial<WorkerOptions> = {}) {
  const worker = await startWorker({
    databaseUrl: requireDatabaseUrl(),
    pollInterval: 50,
    lockTimeoutMs: TEST_LOCK_TIMEOUT_MS,
    backoff: () => 0,
    log: () => {},
    ...opts,
  });
  running.push(worker);
  return worker;
}

export async function stopTestWorkers() {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
}

export async function fulfilmentFor(kind: FulfilmentKind, subjectId: string): Promise<Fulfilment | undefined> {
  const [row] = await db().select().from(fulfilments).where(and(eq(fulfilments.kind, kind), eq(fulfilments.subjectId, subjectId)));
  return row;
}

/** Waits (up to 20 s) until the fulfilment is in one of the given states, and returns it. */
export async function waitForStatus(kind: FulfilmentKind, subjectId: string, statuses: Fulfilment['status'][]) {
  return vi.waitFor(
    async () => {
      const row = await fulfilmentFor(kind, subjectId);
      if (!row || !statuses.includes(row.status)) throw new Error(`fulfilment is ${row?.status ?? 'missing'}`);
      return row;
    },
    { timeout: 20_000, interval: 50 },
  );
}

/** graphile-worker jobs waiting to run the given fulfilment (not the one a worker is finishing). */
export async function waitingJobsFor(fulfilmentId: string) {
  return db().execute<{ id: string }>(
    sql`select id from ${sql.identifier(jobQueueSchema())}._private_jobs as jobs where ${jobRunsFulfilment(fulfilmentId)} and locked_at is null`,
  );
}

/** Waits until no job for the fulfilment is left in the queue (a finished job is deleted). */
export async function waitForNoJobs(fulfilmentId: string) {
  await vi.waitFor(
    async () => {
      const [row] = await db().execute<{ count: number }>(
        sql`select count(*)::int as count from ${sql.identifier(jobQueueSchema())}._private_jobs as jobs where ${jobRunsFulfilment(fulfilmentId)}`,
      );
      if (row.count > 0) throw new Error(`${row.count} jobs left`);
    },
    { timeout: 10_000, interval: 50 },
  );
}
