// `npm run db:migrate`: applies db/migrations and the job queue's schema to DATABASE_URL
// (`npm run dev` and the test set-ups do this themselves).
import { migrateDatabase } from '../db/migrate';
import { migrateJobQueue } from '../lib/jobs/worker';
import { requireDatabaseUrl } from '../lib/env';

const url = requireDatabaseUrl();
await migrateDatabase(url);
await migrateJobQueue(url);
console.log('migrations applied');
