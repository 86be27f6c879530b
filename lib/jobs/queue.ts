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
 * The `add_jobs` call for the fulfilments whose ids `ids` (a text[] expression) yields, to embed in a
 * statement; `delaySeconds` postpones their run. One NOTIFY for the batch. One job key per fulfilment,
 * so re-adding moves a waiting job instead of adding a second one. Adds nothing (and notifies nobody)
 * when the list is empty.
 */
export function addJobsSql(ids: SQL, delaySeconds: number = 0) {
  const schema = sql.identifier(jobQueueSchema());
  return sql`(select case when cardinality(specs) > 0 then (select count(*) from ${schema}.add_jobs(specs)) else 0 end
    from (select array(
      select (${FULFILMENT_TASK}, json_build_object('fulfilmentId', id), null, now() + make_interval(secs => ${delaySeconds}), null, 'fulfilment:' || id, null, null)::${schema}.job_spec
      from unnest(${ids}) as id) as specs) as batch)`;
}

/** Adds (or moves forward) the job that runs one fulfilment, on the caller's executor. */
export async function addFulfilmentJob(executor: Executor, fulfilmentId: string, delaySeconds = 0) {
  await executor.execute(sql`select ${addJobsSql(sql`array[${fulfilmentId}::text]`, delaySeconds)}`);
}
