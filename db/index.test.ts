// The database client against a real PostgreSQL: prepared statements (also inside transactions) and
// the opt-out for poolers that cannot keep them.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabase } from './index';

const clients: ReturnType<typeof createDatabase>['client'][] = [];
afterAll(() => Promise.all(clients.map((c) => c.end())));

function open(prepare: boolean) {
  const created = createDatabase(process.env.DATABASE_URL!, 1, prepare);
  clients.push(created.client);
  return created.db;
}

/** Runs queries sent together in one transaction; answers what they returned and the session's prepared statements. */
async function pipelinedTransaction(db: ReturnType<typeof open>) {
  return db.transaction(async (tx) => {
    const answers = await Promise.all([1, 2, 3].map((n) => tx.execute<{ n: number }>(sql`select ${n}::int * 2 as n`)));
    const [{ count }] = await tx.execute<{ count: number }>(sql`select count(*)::int as count from pg_prepared_statements`);
    return { answers: answers.map((rows) => rows[0].n), prepared: count };
  });
}

describe('createDatabase', () => {
  it('prepares parameterised statements, inside transactions too, and answers queries sent together in order', async () => {
    const db = open(true);
    const first = await pipelinedTransaction(db);
    expect(first.answers).toEqual([2, 4, 6]);
    expect(first.prepared).toBeGreaterThan(0);
    const second = await pipelinedTransaction(db);
    expect(second.answers).toEqual([2, 4, 6]);
    expect(second.prepared).toBeGreaterThanOrEqual(first.prepared);
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS=false, with the same answers', async () => {
    const result = await pipelinedTransaction(open(false));
    expect(result).toEqual({ answers: [2, 4, 6], prepared: 0 });
  });
});
