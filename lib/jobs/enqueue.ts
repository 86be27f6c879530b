// Enqueueing follow-up work from inside the webhook's transaction: the job exists iff the caller commits.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { fulfilments } from '@/db/schema';
import type { FulfilmentKind } from './kinds';
import { addJobSql } from './queue';

export type { FulfilmentKind } from './kinds';

/** Attempts before a fulfilment is `dead`; an operator's retry grants this many more. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Records a fulfilment and adds its job, on the caller's executor (pass the transaction). Idempotent:
 * the same (kind, subjectId) a second time does nothing, so a replayed webhook enqueues nothing new.
 * One statement, so it is atomic even on a bare pool and costs the webhook a single round trip.
 */
export async function enqueueFulfilment(
  tx: Executor,
  job: { kind: FulfilmentKind; subjectId: string; payload: Record<string, unknown> },
): Promise<void> {
  const id = `ful_${crypto.randomUUID().replaceAll('-', '')}`;
  await tx.execute(sql`
    with created as (
      insert into ${fulfilments} (id, kind, subject_id, payload, max_attempts)
      values (${id}, ${job.kind}, ${job.subjectId}, ${JSON.stringify(job.payload)}::jsonb, ${DEFAULT_MAX_ATTEMPTS})
      on conflict (kind, subject_id) do nothing
      returning id
    )
    select 1 from created, ${addJobSql(sql`created.id`)}`);
}
