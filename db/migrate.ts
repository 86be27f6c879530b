import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies committed migrations; an advisory lock lets several instances start at once safely. */
export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(72707369)`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(72707369)`;
  } finally {
    await client.end();
  }
}
