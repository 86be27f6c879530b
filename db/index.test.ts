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

/** A TCP relay in front of PostgreSQL that counts round trips: each time the client writes again after an answer. */
async function countingRelay(target: URL) {
  const { createServer, connect } = await import('node:net');
  const relay = { roundTrips: 0, url: '' };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    let answered = true;
    client.on('data', (chunk) => {
      if (answered) relay.roundTrips += 1;
      answered = false;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      answered = true;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  relay.url = url.toString();
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return relay;
}

describe('transactions', () => {
  it('send BEGIN with their first statement: a one-statement transaction is two round trips', async () => {
    const relay = await countingRelay(new URL(requireDatabaseUrl()));
    const created = createDatabase(relay.url, 1, true);
    clients.push(created.client);
    await created.db.execute(sql`select 1`);
    relay.roundTrips = 0;
    const answer = await created.db.transaction((tx) => tx.execute<{ n: number }>(sql`select 2 as n`));
    expect(answer[0].n).toBe(2);
    expect(relay.roundTrips).toBe(2);
  });

  it('commit when the callback resolves, and leave nothing when it throws or a statement failed unnoticed', async () => {
    const db = open(true);
    const table = sql.identifier(`tx_probe_${Date.now()}`);
    await db.execute(sql`create table ${table} (n int primary key)`);
    try {
      await db.transaction((tx) => tx.execute(sql`insert into ${table} values (1)`));
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into ${table} values (2)`);
          throw new Error('the caller gave up');
        }),
      ).rejects.toThrow('the caller gave up');
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into ${table} values (3)`);
          await tx.execute(sql`insert into ${table} values (1)`).catch(() => 'ignored');
        }),
      ).rejects.toThrow('rolled back');
      // A savepoint that fails is undone alone.
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into ${table} values (4)`);
        await expect(tx.transaction((inner) => inner.execute(sql`insert into ${table} values (1)`))).rejects.toThrow();
        await tx.execute(sql`insert into ${table} values (5)`);
      });
      const rows = await db.execute<{ n: number }>(sql`select n from ${table} order by n`);
      expect(rows.map((r) => r.n)).toEqual([1, 4, 5]);
    } finally {
      await db.execute(sql`drop table ${table}`);
    }
  });
});
