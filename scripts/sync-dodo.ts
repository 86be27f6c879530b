// `npm run dodo:sync`: creates the catalogue's add-ons and products in your Dodo account (test or live mode, per
// DODO_PAYMENTS_ENVIRONMENT, or any Dodo-compatible API at DODO_PAYMENTS_BASE_URL such as a standalone
// sandbox) and stores their ids in the database (DATABASE_URL, or the embedded dev database that
// `npm run dev` uses). Safe to run twice.
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

const dodo = readEnv(['DODO_PAYMENTS_API_KEY', 'DODO_PAYMENTS_ENVIRONMENT', 'DODO_PAYMENTS_BASE_URL']);
if (dodo.DODO_PAYMENTS_ENVIRONMENT && dodo.DODO_PAYMENTS_BASE_URL) {
  throw new ConfigError([{ name: 'DODO_PAYMENTS_BASE_URL', message: 'must not be set together with DODO_PAYMENTS_ENVIRONMENT (the Dodo SDK rejects the pair as ambiguous)' }]);
}
if (!dodo.DODO_PAYMENTS_ENVIRONMENT && !dodo.DODO_PAYMENTS_BASE_URL) {
  throw new ConfigError([{ name: 'DODO_PAYMENTS_ENVIRONMENT', message: 'is required: test_mode or live_mode (or DODO_PAYMENTS_BASE_URL for a Dodo-compatible API such as a standalone sandbox)' }]);
}
const database = await ensureDatabase({ dataDir: path.join(devDataDir(), 'postgres') });
await migrateDatabase(database.url);
const { db, client } = createDatabase(database.url, 1);
await seedCatalogue(db);
const report = await syncCatalogueToDodo(db, createDodoClient(dodo));
await client.end();
await database.stop();
console.log(`created: ${report.created.join(', ') || 'none'}; already there: ${report.kept.join(', ') || 'none'}`);
