import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { requireDatabaseUrl } from '@/lib/env';

export type Database = ReturnType<typeof createDatabase>['db'];

export function createDatabase(url: string, max = 10) {
  const client = postgres(url, { max, onnotice: () => {} });
  return { db: drizzle(client, { schema }), client };
}

// One pool per process; kept on globalThis so Next's dev reloads don't open a new pool each time.
const globalForDb = globalThis as unknown as { __dodoDb?: ReturnType<typeof createDatabase> };

export function getDb(): Database {
  if (!globalForDb.__dodoDb) globalForDb.__dodoDb = createDatabase(requireDatabaseUrl());
  return globalForDb.__dodoDb.db;
}

export { schema };

/** A transaction handle: domain functions that must run inside the caller's transaction take one. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the pool or a transaction, for reads and writes that work in both. */
export type Executor = Database | Tx;
