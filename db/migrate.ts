import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import journal from './migrations/meta/_journal.json' with { type: 'json' };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Held while migrating: several instances running the release step at once take turns. */
const MIGRATION_LOCK = 72707369;

/**
 * Applies committed migrations, then `alsoUnderLock` (the job queue's own schema), all under one
 * advisory lock: the second of two concurrent runs waits, then finds nothing left to do.
 */
export async function migrateDatabase(url: string, alsoUnderLock: ((url: string) => Promise<void>)[] = []) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder });
    for (const step of alsoUnderLock) await step(url);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end();
  }
}

/**
 * The committed migrations this database has not applied yet, by tag. drizzle records each applied
 * migration with its journal timestamp, and applies those newer than the last one recorded.
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [{ table }] = await client<{ table: string | null }[]>`select to_regclass('drizzle.__drizzle_migrations')::text as table`;
    const [{ last }] = table
      ? await client<{ last: string | null }[]>`select max(created_at)::text as last from drizzle.__drizzle_migrations`
      : [{ last: null }];
    return journal.entries.filter((entry) => last === null || entry.when > Number(last)).map((entry) => entry.tag);
  } finally {
    await client.end();
  }
}
