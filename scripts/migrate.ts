// `npm run db:migrate`: applies db/migrations to DATABASE_URL (`npm run dev` does this itself).
import { migrateDatabase } from '../db/migrate';
import { requireDatabaseUrl } from '../lib/env';

await migrateDatabase(requireDatabaseUrl());
console.log('migrations applied');
