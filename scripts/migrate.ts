// `npm run db:migrate`, the release step: applies db/migrations and the job queue's schema to
// DATABASE_DIRECT_URL (else DATABASE_URL). Safe when several instances run it at once (advisory lock).
import { migrateDatabase, pendingMigrations } from '../db/migrate';
import { migrateJobQueue } from '../lib/jobs/worker';
import { requireDirectDatabaseUrl } from '../lib/env';
import { checkStartupOrExit } from '../lib/startup';
import { loadEnvFiles } from './lib/env-files';

loadEnvFiles('as NODE_ENV');

// The release step checks the whole configuration too: a deployment that cannot serve stops here.
await checkStartupOrExit('migrate', { database: 'direct' });
const url = requireDirectDatabaseUrl();
const pending = await pendingMigrations(url);
await migrateDatabase(url, [migrateJobQueue]);
console.log(`[migrate] database current (${pending.length ? `pending at start: ${pending.join(', ')}` : 'nothing was pending'})`);
