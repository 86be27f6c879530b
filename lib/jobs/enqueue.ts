// Enqueueing follow-up work from inside the webhook's transaction: the job exists iff the caller commits.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { fulfilments } from '@/db/schema';
import type { FulfilmentKind } from './kinds';
import { addJobsSql } from './queue';

export type { FulfilmentKind } from './kinds';

export type FulfilmentJob = { kind: FulfilmentKind; subjectId: string; payload: Record<string, unknown> };

/** Attempts before a fulfilment is `dead`; an operator's retry grants this many more. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Records a fulfilment and adds its job, on the caller's executor (pass the transaction). Idempotent:
 * the same (kind, subjectId) a second time does nothing, so a replayed webhook enqueues nothing new.
 */
export async function enqueueFulfilment(tx: Executor, job: FulfilmentJob): Promise<void> {
  await enqueueFulfilments(tx, [job]);
}

/**
 * Several at once, in one statement: atomic even on a bare pool, and one round trip, one job and one
 * worker wake-up for the webhook however many follow-ups an event has.
 */
export async function enqueueFulfilments(tx: Executor, jobs: FulfilmentJob[]): Promise<void> {
  const unique = [...new Map(jobs.map((job) => [`${job.kind}\u0000${job.subjectId}`, job])).values()];
  if (unique.length === 0) return;
  const rows = unique.map(
    (job) =>
      sql`(${`ful_${crypto.randomUUID().replaceAll('-', '')}`}, ${job.kind}, ${job.subjectId}, ${JSON.stringify(job.payload)}::jsonb, ${DEFAULT_MAX_ATTEMPTS})`,
  );
  await tx.execute(sql`
    with created as (
      insert into ${fulfilments} (id, kind, subject_id, payload, max_attempts)
      values ${sql.join(rows, sql`, `)}
      on conflict (kind, subject_id) do nothing
      returning id
    )
    select ${addJobsSql(sql`array(select id from created)`)}`);
}
