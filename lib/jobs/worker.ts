// The worker: graphile-worker runs `fulfilment` jobs; each worker heartbeats, and releases the jobs of
// workers that stopped heartbeating, so a job whose worker was killed runs again within a lock timeout.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import { Logger, run, runMigrations, type LogLevel, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { createDatabase, type Database } from '@/db';
import { looksLikeTransactionPooler } from '@/db/pooler';
import { jobWorkerHeartbeats } from '@/db/schema';
import { jobsConfig, type JobsConfig } from '@/lib/env';
import type { FulfilmentHandler, FulfilmentKind } from './kinds';
import { FULFILMENT_TASK, fulfilmentIdsOf, jobQueueSchema } from './queue';
import { defaultBackoff, runFulfilment } from './run-fulfilment';
import { fulfilmentHandlers } from './tasks';

/** Production default: a job whose worker has been silent this long is handed to another worker. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

export type WorkerOptions = {
  /** A direct connection (DATABASE_DIRECT_URL): jobs arrive by LISTEN/NOTIFY, which poolers break. */
  databaseUrl: string;
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
  /** How often to look for jobs due later (new jobs arrive by LISTEN/NOTIFY at once); default 1000 ms. */
  pollInterval?: number;
  /** See DEFAULT_LOCK_TIMEOUT_MS; heartbeats go out every quarter of it. */
  lockTimeoutMs?: number;
  /** Seconds before the next attempt after attempt n failed (default: 10 s, 1 min, 5 min, 30 min, 2 h). */
  backoff?: (failedAttempt: number) => number;
  /** Replaces handlers by kind (tests). */
  handlers?: Partial<Record<FulfilmentKind, FulfilmentHandler>>;
  /** Overrides settings otherwise read from the environment. */
  config?: Partial<JobsConfig>;
  /** Recurring work (graphile-worker crontab): e.g. reconciliation with Dodo every 15 minutes. */
  schedule?: { task: string; cron: string; run: () => Promise<unknown> }[];
  log?: (line: string) => void;
};

export type RunningWorker = { stop(): Promise<void> };

/** Installs (or upgrades) graphile-worker's own schema; enqueueing needs it, so it runs with migrations. */
export async function migrateJobQueue(databaseUrl: string) {
  const pool = jobQueuePool(databaseUrl, 1, () => {});
  try {
    await runMigrations({ pgPool: pool, schema: jobQueueSchema(), logger: quietLogger(() => {}) });
    // add_jobs runs in every webhook's transaction. A session keeps the plan it first made for each statement
    // in it: one made while the queue was empty scans every waiting job per call, so a backlog slowed every
    // webhook down (2 ms per event at 7,000 waiting jobs). Planned per call, it finds jobs by key. Set on every
    // migrate, since an upgrade that recreates the function drops it.
    const schema = jobQueueSchema();
    await pool.query(`alter function ${schema}.add_jobs(${schema}.job_spec[], boolean) set plan_cache_mode = force_custom_plan`);
  } finally {
    await pool.end();
  }
}

/** How this process's job-queue connections appear in `pg_stat_activity`, so an operator can tell them apart. */
export function jobQueueConnectionName(): string {
  return `job queue ${hostname()}:${process.pid}`;
}

/**
 * graphile-worker's connections, in a pool of ours: graphile-worker ends a pool it made without waiting
 * and drops its error listener first, so a database that stops meanwhile (a restart, the end of a test
 * run) made an idle connection's error crash the process. This pool keeps its listener until it has ended.
 */
function jobQueuePool(databaseUrl: string, max: number, log: (line: string) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: jobQueueConnectionName() });
  pool.on('error', (err) => log(`job queue connection lost: ${err.message}`));
  return pool;
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const concurrency = opts.concurrency ?? 4;
  const lockTimeoutMs = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const log = opts.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const config = { ...jobsConfig(), ...opts.config };
  if (looksLikeTransactionPooler(opts.databaseUrl)) {
    log('warning: the database URL looks like a connection pooler (port 6432/6543 or a -pooler host); LISTEN/NOTIFY does not pass through one in transaction mode, so new jobs wait for polling. Set DATABASE_DIRECT_URL to a direct connection.');
  }
  const { db, client } = createDatabase(opts.databaseUrl, concurrency + 2);
  const handlers = { ...fulfilmentHandlers, ...opts.handlers };
  const backoff = opts.backoff ?? defaultBackoff;

  const workerIds = new Set<string>();
  const everCreated = new Set<string>();
  const host = `${hostname()}:${process.pid}`;
  const events = new EventEmitter() as WorkerEvents;
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
    everCreated.add(worker.workerId);
  });
  events.on('worker:stop', ({ worker }) => void workerIds.delete(worker.workerId));

  const beat = async () => {
    const ids = [...workerIds];
    if (ids.length) {
      await db
        .insert(jobWorkerHeartbeats)
        .values(ids.map((workerId) => ({ workerId, host })))
        .onConflictDoUpdate({ target: jobWorkerHeartbeats.workerId, set: { heartbeatAt: sql`now()` } });
    }
    await releaseJobsOfSilentWorkers(db, lockTimeoutMs, log);
  };

  const pool = jobQueuePool(opts.databaseUrl, concurrency + 2, log);
  const runner = await run({
    pgPool: pool,
    schema: jobQueueSchema(),
    concurrency,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    events,
    logger: quietLogger(log),
    ...(opts.schedule?.length ? { crontab: opts.schedule.map((s) => `${s.cron} ${s.task}`).join('\n') } : {}),
    taskList: {
      ...Object.fromEntries(
        (opts.schedule ?? []).map((s) => [
          s.task,
          async () => {
            await s.run();
          },
        ]),
      ),
      [FULFILMENT_TASK]: async (payload, helpers) => {
        const run = { db, handlers, config, backoff, workerId: helpers.job.locked_by ?? 'unknown', jobId: helpers.job.id };
        // One after another: each fulfilment is claimed, retried and recorded on its own, so one that
        // fails (or a database error on one) holds up none of the others; the job fails if any threw.
        const errors: unknown[] = [];
        for (const fulfilmentId of fulfilmentIdsOf(payload)) {
          try {
            log(`${fulfilmentId}: ${await runFulfilment(run, fulfilmentId)}`);
          } catch (err) {
            errors.push(err);
          }
        }
        if (errors.length === 1) throw errors[0];
        if (errors.length) throw new AggregateError(errors, `${errors.length} fulfilments of job ${helpers.job.id} failed`);
      },
    },
  });

  await beat();
  const timer = setInterval(() => beat().catch((err: Error) => log(`heartbeat failed: ${err.message}`)), Math.max(100, lockTimeoutMs / 4));

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await runner.stop();
        if (everCreated.size) await db.delete(jobWorkerHeartbeats).where(inArray(jobWorkerHeartbeats.workerId, [...everCreated]));
        await Promise.all([client.end(), pool.end()]);
      })()),
  };
}

/**
 * Unlocks jobs held by workers that are not heartbeating (killed, crashed, cut off) once their lock is
 * older than the timeout, so that any live worker picks them up. Safe to run from every worker at once.
 */
async function releaseJobsOfSilentWorkers(db: Database, lockTimeoutMs: number, log: (line: string) => void) {
  const schema = sql.identifier(jobQueueSchema());
  const timeout = sql`make_interval(secs => ${lockTimeoutMs / 1000})`;
  const silent = await db.execute<{ worker_id: string }>(sql`
    select distinct jobs.locked_by as worker_id
    from ${schema}.jobs as jobs
    where jobs.locked_by is not null and jobs.locked_at < now() - ${timeout}
      and not exists (
        select 1 from ${jobWorkerHeartbeats} as beats
        where beats.worker_id = jobs.locked_by and beats.heartbeat_at > now() - ${timeout}
      )`);
  const ids = silent.map((row) => row.worker_id);
  if (ids.length) {
    await db.execute(sql`select ${schema}.force_unlock_workers(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[])`);
    log(`released the jobs of silent workers ${ids.join(', ')}`);
  }
  await db.delete(jobWorkerHeartbeats).where(sql`${jobWorkerHeartbeats.heartbeatAt} < now() - ${timeout}`);
}

/** graphile-worker's own logging, minus its per-job chatter. */
function quietLogger(log: (line: string) => void) {
  return new Logger(() => (level: LogLevel, message: string) => {
    if (level === 'error' || level === 'warning') log(`${level}: ${message}`);
  });
}
