// `npm run dodo:sync`: creates the catalogue's products in your Dodo account (test or live mode, per
// DODO_PAYMENTS_ENVIRONMENT) and stores their ids in the database (DATABASE_URL, or the embedded dev
// dev database that `npm run dev` uses). Safe to run twice.
import { createDatabase } from '../db/index';
import { syncCatalogueToDodo } from '../lib/billing/catalogue-sync';
import { createDodoClient } from '../lib/dodo/client';
import { ConfigError, readEnv } from '../lib/env';
import { migrateDatabase } from '../db/migrate';
import { seedCatalogue } from '../db/seed';
import path from 'node:path';
import { ensureDatabase } from './lib/postgres';
import { devDataDir } from './lib/dev-data';
import { loadEnvFiles } from './lib/env-files';

loadEnvFiles();

const dodo = readEnv(['DODO_PAYMENTS_API_KEY', 'DODO_PAYMENTS_ENVIRONMENT']);
if (!dodo.DODO_PAYMENTS_ENVIRONMENT) {
  throw new ConfigError([{ name: 'DODO_PAYMENTS_ENVIRONMENT', message: 'is required: test_mode or live_mode (this script talks to real Dodo)' }]);
}
const database = await ensureDatabase({ dataDir: path.join(devDataDir(), 'postgres') });
await migrateDatabase(database.url);
const { db, client } = createDatabase(database.url, 1);
await seedCatalogue(db);
const report = await syncCatalogueToDodo(db, createDodoClient(dodo));
await client.end();
await database.stop();
console.log(`created: ${report.created.join(', ') || 'none'}; already there: ${report.kept.join(', ') || 'none'}`);
