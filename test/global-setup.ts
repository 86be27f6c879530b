// One real PostgreSQL for the whole Vitest run: DATABASE_URL when set, else a throwaway embedded cluster.
import type { TestProject } from 'vitest/node';
import { ensureDatabase } from '../scripts/lib/postgres';
import { migrateDatabase } from '../db/migrate';
import { createDatabase } from '../db/index';
import { seedCatalogue } from '../db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await ensureDatabase();
  await migrateDatabase(database.url);
  const { db, client } = createDatabase(database.url, 1);
  await seedCatalogue(db);
  await client.end();
  project.provide('databaseUrl', database.url);
  return async () => {
    await database.stop();
  };
}
