// add_jobs under a backlog, against a real PostgreSQL: a session that first enqueued into an empty queue
// must still find jobs by key once thousands wait, not scan them all on every webhook.
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requireDatabaseUrl } from '@/lib/env';
import { closeDb } from '@/test/fixtures';
import { useOwnJobQueue } from '@/test/jobs/harness';
import { jobQueueSchema } from './queue';

beforeAll(() => useOwnJobQueue('backlog'));
afterAll(closeDb);

it('plans the key lookup of add_jobs for the queue as it is now, not as it was when the session started', async () => {
  const schema = jobQueueSchema();
  const plans: string[] = [];
  // One session of its own, whose statements PostgreSQL describes through auto_explain as it runs them.
  const session = postgres(requireDatabaseUrl(), { max: 1, onnotice: (notice) => plans.push(String(notice.message)) });
  const addOneJob = (key: string) =>
    session.begin(async (tx) => {
      await tx.unsafe(`select count(*) from ${schema}.add_jobs(array[('fulfilment', '{}'::json, null, now(), null, $1, null, null)::${schema}.job_spec])`, [key]);
      // Rolled back: the queue stays empty while the session makes (and would cache) its plans.
      throw new Error('rolled back');
    }).catch(() => {});
  try {
    await session`load 'auto_explain'`;
    await session`set auto_explain.log_min_duration = 0`;
    await session`set auto_explain.log_nested_statements = on`;
    await session`set client_min_messages = log`;
    for (let i = 0; i < 8; i++) await addOneJob(`backlog:empty-${i}`);

    const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
    await other.unsafe(`select count(*) from ${schema}.add_jobs(array(
      select ('fulfilment', '{}'::json, null, now(), null, 'backlog:waiting-' || n, null, null)::${schema}.job_spec
      from generate_series(1, 3000) as n))`);
    await other.end();

    plans.length = 0;
    await addOneJob('backlog:after');
    const keyLookup = plans.find((plan) => plan.includes('Update on _private_jobs'));
    expect(keyLookup).toContain('Index Scan');
    expect(keyLookup).not.toContain('Seq Scan on _private_jobs');
  } finally {
    await session.end();
  }
});
