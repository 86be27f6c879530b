import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { poolSizeFromEnv, preparedStatementsFromEnv, requireDatabaseUrl } from '@/lib/env';
import { DatabaseUnreachableError } from './errors';

export type Database = ReturnType<typeof createDatabase>['db'];

/**
 * drizzle hands postgres.js every query unprepared, and postgres.js then spends a round trip asking
 * PostgreSQL for the parameter types of each one, and cannot pipeline the next query behind it.
 * Prepared (cached per connection), a statement costs one round trip from its second use on a
 * connection, and queries sent together share one. Transactions and savepoints get the same client.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

type Scope = (sql: postgres.Sql) => unknown;

/**
 * The pool with postgres.js's `begin` replaced by one that sends BEGIN together with the transaction's
 * first statement instead of waiting for its answer: every transaction makes one round trip less (a
 * webhook's is 5, not 6). Same contract: commits when the callback resolves, rolls back when it throws,
 * and a failed statement the callback did not notice fails the commit instead of passing as a ROLLBACK.
 * `wrap` is applied to the transaction's client (`preparing`).
 */
function pipeliningBegin(pool: postgres.Sql, wrap: (sql: postgres.Sql) => postgres.Sql): postgres.Sql {
  const begin = async (...args: [Scope] | [string, Scope]) => {
    const [options, fn] = args.length === 1 ? ['', args[0]] : args;
    const conn = await pool.reserve();
    try {
      return await inTransaction(conn, `begin ${options.replace(/[^a-z ]/gi, '')}`, 'commit', 'rollback', fn, wrap);
    } finally {
      conn.release();
    }
  };
  return new Proxy(pool, { get: (target, prop) => (prop === 'begin' ? begin : Reflect.get(target, prop)) });
}

let savepoints = 0;

/**
 * Runs `fn` between `open` (not awaited: it goes out with fn's first statement) and `done`, or `undo`
 * when anything failed. A savepoint inside is another such scope on the same connection.
 */
async function inTransaction(conn: postgres.ReservedSql, open: string, done: string, undo: string, fn: Scope, wrap: (sql: postgres.Sql) => postgres.Sql) {
  const client = wrap(conn);
  const scoped = new Proxy(client, {
    get(target, prop) {
      if (prop !== 'savepoint') return Reflect.get(target, prop);
      return (inner: Scope) => {
        const name = `s${++savepoints}`;
        return inTransaction(conn, `savepoint ${name}`, `release savepoint ${name}`, `rollback to savepoint ${name}`, inner, wrap);
      };
    },
  });
  const opened = conn.unsafe(open).execute();
  let openFailure: unknown;
  opened.catch((err: unknown) => (openFailure = err));
  try {
    const result = await fn(scoped);
    await opened;
    // COMMIT in a transaction a statement aborted answers ROLLBACK, not an error.
    const finished = await conn.unsafe(done);
    if (finished.command === 'ROLLBACK') throw new Error('a statement failed inside the transaction, so it was rolled back');
    return result;
  } catch (err) {
    await conn.unsafe(undo).catch(() => {});
    // "current transaction is aborted" when BEGIN itself failed: its own error says why.
    throw openFailure ?? err;
  }
}

/** `prepare: false` for poolers that cannot keep prepared statements (DATABASE_PREPARED_STATEMENTS=false). */
export function createDatabase(url: string, max = poolSizeFromEnv(), prepare = preparedStatementsFromEnv()) {
  const raw = postgres(url, { max, prepare, onnotice: () => {} });
  const wrap = prepare ? preparing : (sql: postgres.Sql) => sql;
  const client = pipeliningBegin(wrap(raw), wrap);
  return { db: drizzle(client, { schema }), client };
}

// One pool per process; kept on globalThis so Next's dev reloads don't open a new pool each time.
const globalForDb = globalThis as unknown as { __dodoDb?: ReturnType<typeof createDatabase> };

export function getDb(): Database {
  if (!globalForDb.__dodoDb) globalForDb.__dodoDb = createDatabase(requireDatabaseUrl());
  return globalForDb.__dodoDb.db;
}

export { schema };

/** One `select 1` over a fresh connection; a failure names the variable and the host (never the password). */
export async function checkDatabaseReachable(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (err) {
    throw new DatabaseUnreachableError(variable, url, err);
  } finally {
    await client.end({ timeout: 1 });
  }
}

/**
 * Awaits queries sent together on one transaction (so they share a round trip) and answers their results
 * in order. When one fails, PostgreSQL answers the ones after it with "current transaction is aborted",
 * and those can settle first: this throws the first failure in the order the queries were sent, the real cause.
 */
export async function sentTogether<const Q extends readonly unknown[]>(queries: Q): Promise<{ -readonly [K in keyof Q]: Awaited<Q[K]> }> {
  const settled = await Promise.allSettled(queries);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof Q]: Awaited<Q[K]> };
}

/** A transaction handle: domain functions that must run inside the caller's transaction take one. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the pool or a transaction, for reads and writes that work in both. */
export type Executor = Database | Tx;
