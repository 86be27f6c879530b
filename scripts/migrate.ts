// `npm run db:migrate`: applies db/migrations and the job queue's schema to DATABASE_URL
// (`npm run dev` and the test set-ups do this themselves).
import { migrateDatabase } from '../db/migrate';
import { migrateJobQueue } from '../lib/jobs/worker';
import { requireDirectDatabaseUrl } from '../lib/env';
import { checkStartupOrExit } from '../lib/startup';
import { loadEnvFiles } from './lib/env-files';

loadEnvFiles('as NODE_ENV');

// The release step checks the whole configuration too: a deployment that cannot serve stops here.
await checkStartupOrExit('migrate', { database: 'direct' });
const url = requireDirectDatabaseUrl();
await migrateDatabase(url);
await migrateJobQueue(url);
console.log('migrations applied');
