// One attempt at one fulfilment: claim it, run its handler, record the outcome and schedule a retry.
// graphile-worker only dispatches and locks; attempts, backoff and the operator-visible state live here.
import { and, eq, lt, notInArray, sql } from 'drizzle-orm';
import { sentTogether, type Database, type Executor, type Tx } from '@/db';
import { fulfilmentAttempts, fulfilments, type Fulfilment } from '@/db/schema';
import type { JobsConfig } from '@/lib/env';
import type { FulfilmentHandler, FulfilmentKind } from './kinds';
import { addFulfilmentJob, jobQueueSchema, jobRunsFulfilment } from './queue';

/** Seconds to wait before attempt n+1 after attempt n failed: 10 s, 1 min, 5 min, 30 min, then 2 h. */
export function defaultBackoff(failedAttempt: number): number {
  return [10, 60, 300, 1800][failedAttempt - 1] ?? 7200;
}

export type RunContext = {
  db: Database;
  handlers: Record<FulfilmentKind, FulfilmentHandler>;
  config: JobsConfig;
  backoff: (failedAttempt: number) => number;
  workerId: string;
  /** The graphile-worker job running this attempt. */
  jobId: string;
};

type Claim = { run: true; fulfilment: Fulfilment } | { run: false; reason: string };

export async function runFulfilment(ctx: RunContext, fulfilmentId: string): Promise<string> {
  const claim = await claimAttempt(ctx, fulfilmentId);
  if (!claim.run) return claim.reason;
  const { fulfilment } = claim;

  let outcome: { ok: true; note: string } | { ok: false; error: string };
  try {
    const handler = ctx.handlers[fulfilment.kind as FulfilmentKind];
    if (!handler) throw new Error(`no handler for kind "${fulfilment.kind}"`);
    outcome = { ok: true, note: await handler({ fulfilment, db: ctx.db, config: ctx.config }) };
  } catch (err) {
    outcome = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  await recordOutcome(ctx, fulfilment, outcome);
  return outcome.ok ? outcome.note : `attempt ${fulfilment.attempts} failed: ${outcome.error}`;
}

/** Marks the fulfilment running and logs the attempt, or says why this job has nothing to do. */
async function claimAttempt(ctx: RunContext, fulfilmentId: string): Promise<Claim> {
  // The usual case, queued or failed with attempts left, in one statement: no transaction round trips.
  const [claimed] = await claimIfWaiting(ctx.db, fulfilmentId, ctx.workerId);
  if (claimed) return { run: true, fulfilment: claimed };
  // Anything else (done, running, out of attempts, gone) is looked at under the row's lock.
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(fulfilments).where(eq(fulfilments.id, fulfilmentId)).for('update');
    if (!row) return { run: false, reason: 'fulfilment no longer exists' };
    if (row.status === 'succeeded' || row.status === 'dead') return { run: false, reason: `already ${row.status}` };

    if (row.status === 'running') {
      // Another job for it is locked right now (an operator's retry raced a running job): leave it be.
      // Otherwise the attempt marked running was cut off (its worker died, or recording it failed).
      const [other] = await tx.execute<{ locked_by: string }>(sql`
        select locked_by from ${sql.identifier(jobQueueSchema())}._private_jobs as jobs
        where ${jobRunsFulfilment(row.id)} and locked_at is not null and id <> ${ctx.jobId}::bigint
        limit 1`);
      if (other) return { run: false, reason: `already running on ${other.locked_by}` };
    }
    if (row.attempts >= row.maxAttempts) {
      // Every attempt was used up by workers dying mid-job: give up like any other exhausted job.
      await sentTogether([
        markInterrupted(tx, row),
        tx
          .update(fulfilments)
          .set({ status: 'dead', lastError: row.lastError ?? 'the worker stopped during the last attempt', completedAt: sql`now()`, updatedAt: sql`now()` })
          .where(eq(fulfilments.id, row.id)),
      ]);
      return { run: false, reason: 'attempts exhausted' };
    }

    // The row is locked, so this attempt's number is known: the three writes go out together.
    const attempt = row.attempts + 1;
    const [, [claimed]] = await sentTogether([
      markInterrupted(tx, row),
      tx.update(fulfilments).set({ status: 'running', attempts: attempt, updatedAt: sql`now()` }).where(eq(fulfilments.id, row.id)).returning(),
      tx.insert(fulfilmentAttempts).values({ fulfilmentId: row.id, attempt, workerId: ctx.workerId }),
    ]);
    return { run: true, fulfilment: claimed };
  });
}

/**
 * Claims a fulfilment that is waiting (queued, or failed with attempts left): marks it running and logs the
 * attempt, in one statement, so both happen or neither. Empty when it is in any other state.
 */
function claimIfWaiting(db: Database, fulfilmentId: string, workerId: string) {
  const claimed = db.$with('claimed').as(
    db
      .update(fulfilments)
      .set({ status: 'running', attempts: sql`${fulfilments.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(fulfilments.id, fulfilmentId), notInArray(fulfilments.status, ['running', 'succeeded', 'dead']), lt(fulfilments.attempts, fulfilments.maxAttempts)))
      .returning(),
  );
  const logged = db
    .$with('logged', {})
    .as(sql`insert into ${fulfilmentAttempts} (fulfilment_id, attempt, worker_id) select id, attempts, ${workerId} from claimed`);
  return db.with(claimed, logged).select().from(claimed);
}

/** An attempt still `running` when its fulfilment is claimed again belonged to a worker that died mid-job. */
function markInterrupted(tx: Tx, row: Fulfilment) {
  return (
    row.status === 'running' &&
    tx
      .update(fulfilmentAttempts)
      .set({ outcome: 'interrupted', finishedAt: sql`now()`, error: 'the worker stopped before the attempt finished' })
      .where(and(eq(fulfilmentAttempts.fulfilmentId, row.id), eq(fulfilmentAttempts.outcome, 'running')))
  );
}

async function recordOutcome(
  ctx: RunContext,
  fulfilment: Fulfilment,
  outcome: { ok: true; note: string } | { ok: false; error: string },
) {
  const error = outcome.ok ? null : outcome.error.slice(0, 2000);
  // Only this attempt may move the fulfilment on (an operator or another worker may have since).
  const current = and(eq(fulfilments.id, fulfilment.id), eq(fulfilments.status, 'running'), eq(fulfilments.attempts, fulfilment.attempts));
  const retryIn = outcome.ok || fulfilment.attempts >= fulfilment.maxAttempts ? null : Math.max(0, ctx.backoff(fulfilment.attempts));
  const next = outcome.ok
    ? { status: 'succeeded' as const, result: outcome.note, completedAt: sql`now()` }
    : retryIn === null
      ? { status: 'dead' as const, lastError: error, completedAt: sql`now()` }
      : { status: 'failed' as const, lastError: error, runAfter: sql`now() + make_interval(secs => ${retryIn})` };
  const finishAttempt = (db: Executor) =>
    db
      .update(fulfilmentAttempts)
      .set({ outcome: outcome.ok ? 'succeeded' : 'failed', finishedAt: sql`now()`, error })
      .where(and(eq(fulfilmentAttempts.fulfilmentId, fulfilment.id), eq(fulfilmentAttempts.attempt, fulfilment.attempts)));

  if (retryIn === null) {
    // Done for good (succeeded, or out of attempts): the attempt and the fulfilment in one statement.
    const finished = ctx.db.$with('finished').as(finishAttempt(ctx.db));
    await ctx.db.with(finished).update(fulfilments).set({ ...next, updatedAt: sql`now()` }).where(current);
    return;
  }
  await ctx.db.transaction(async (tx) => {
    // Both writes go out together with the transaction's BEGIN.
    const [, moved] = await sentTogether([
      finishAttempt(tx),
      tx.update(fulfilments).set({ ...next, updatedAt: sql`now()` }).where(current).returning({ id: fulfilments.id }),
    ]);
    // The running job's key is handed to this new one; the running job then completes normally.
    if (moved.length) await addFulfilmentJob(tx, fulfilment.id, retryIn);
  });
}
