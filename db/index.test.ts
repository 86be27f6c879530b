// The database client against a real PostgreSQL: prepared statements (also inside transactions) and
// the opt-out for poolers that cannot keep them.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabase } from './index';
import { requireDatabaseUrl } from '@/lib/env';

const clients: ReturnType<typeof createDatabase>['client'][] = [];
afterAll(() => Promise.all(clients.map((c) => c.end())));

function open(prepare: boolean) {
  const created = createDatabase(requireDatabaseUrl(), 1, prepare);
  clients.push(created.client);
  return created.db;
}

/**
 * Runs one parameterised query three times, sent together in one transaction; answers what they
 * returned and how many prepared statements of the session hold that query.
 */
async function pipelinedTransaction(db: ReturnType<typeof open>) {
  return db.transaction(async (tx) => {
    const answers = await Promise.all([1, 2, 3].map((n) => tx.execute<{ n: number }>(sql`select ${n}::int * 2 as n`)));
    const [{ count }] = await tx.execute<{ count: number }>(
      sql`select count(*)::int as count from pg_prepared_statements where statement like ${'%::int * 2 as n%'}`,
    );
    return { answers: answers.map((rows) => rows[0].n), prepared: count };
  });
}

describe('createDatabase', () => {
  it('prepares a parameterised statement once and reuses it, inside transactions too, answering queries sent together in order', async () => {
    const db = open(true);
    const first = await pipelinedTransaction(db);
    expect(first).toEqual({ answers: [2, 4, 6], prepared: 1 });
    const second = await pipelinedTransaction(db);
    expect(second).toEqual({ answers: [2, 4, 6], prepared: 1 });
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS=false, with the same answers', async () => {
    const result = await pipelinedTransaction(open(false));
    expect(result).toEqual({ answers: [2, 4, 6], prepared: 0 });
  });
});
