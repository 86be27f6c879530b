// The SQL side of graphile-worker that the app itself uses: the schema name and `add_jobs`, run on the
// caller's executor so a job is added in the caller's transaction. No graphile-worker import here:
// this module is bundled into the Next.js server (enqueue, operator retries).
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { jobQueueSchemaFromEnv } from '@/lib/env';

/** graphile-worker's task identifier for every fulfilment; the fulfilment row says which kind it is. */
export const FULFILMENT_TASK = 'fulfilment';

/** The schema graphile-worker's tables live in; GRAPHILE_WORKER_SCHEMA is the library's own variable. */
export function jobQueueSchema(): string {
  return jobQueueSchemaFromEnv();
}

/**
 * The `add_jobs` call for one job that runs every fulfilment whose id `ids` (a text[] expression)
 * yields, to embed in a statement; `delaySeconds` postpones it. One job per webhook rather than one per
 * fulfilment: `add_jobs` is most of the PostgreSQL time a fresh event costs. A job for a single
 * fulfilment has a key, so re-adding it (a retry) moves a waiting job instead of adding a second one.
 * Adds nothing (and notifies nobody) when the list is empty.
 */
export function addJobsSql(ids: SQL, delaySeconds: number = 0) {
  const schema = sql.identifier(jobQueueSchema());
  return sql`(select case when cardinality(ids) > 0 then (select count(*) from ${schema}.add_jobs(array[(
      ${FULFILMENT_TASK}, json_build_object('fulfilmentIds', ids), null, now() + make_interval(secs => ${delaySeconds}), null,
      case when cardinality(ids) = 1 then 'fulfilment:' || ids[1] end, null, null)::${schema}.job_spec])) else 0 end
    from (select ${ids}::text[] as ids) as batch)`;
}

/** Whether a graphile-worker job (`jobs`, a row of `_private_jobs`) runs the fulfilment `fulfilmentId`. */
export function jobRunsFulfilment(fulfilmentId: SQL | string) {
  // `fulfilmentId` (one id) is the payload of jobs queued before jobs carried a list.
  return sql`(jobs.payload::jsonb -> 'fulfilmentIds' ? ${fulfilmentId} or jobs.payload ->> 'fulfilmentId' = ${fulfilmentId})`;
}

/** The fulfilments a job's payload names. */
export function fulfilmentIdsOf(payload: unknown): string[] {
  const { fulfilmentIds, fulfilmentId } = (payload ?? {}) as { fulfilmentIds?: string[]; fulfilmentId?: string };
  return fulfilmentIds ?? (fulfilmentId ? [fulfilmentId] : []);
}

/** Adds (or moves forward) the job that runs one fulfilment, on the caller's executor. */
export async function addFulfilmentJob(executor: Executor, fulfilmentId: string, delaySeconds = 0) {
  await executor.execute(sql`select ${addJobsSql(sql`array[${fulfilmentId}::text]`, delaySeconds)}`);
}
