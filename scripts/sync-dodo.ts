// `npm run dodo:sync`: creates the catalogue's products in your Dodo account (test or live mode, per
// DODO_PAYMENTS_ENVIRONMENT) and stores their ids in the database (DATABASE_URL, or the embedded dev
// dev database that `npm run dev` uses). Safe to run twice.
import nextEnv from '@next/env';
import { createDatabase } from '../db/index';
import { syncCatalogueToDodo } from '../lib/billing/catalogue-sync';
import { createDodoClient } from '../lib/dodo/create-client';
import { ConfigError } from '../lib/env';
import { migrateDatabase } from '../db/migrate';
import { seedCatalogue } from '../db/seed';
import path from 'node:path';
import { ensureDatabase } from './lib/postgres';
import { devDataDir } from './lib/dev-data';

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const apiKey = process.env.DODO_PAYMENTS_API_KEY;
const environment = process.env.DODO_PAYMENTS_ENVIRONMENT;
if (!apiKey) throw new ConfigError('DODO_PAYMENTS_API_KEY is missing: set it (and DODO_PAYMENTS_ENVIRONMENT) in .env.local');
if (environment !== 'test_mode' && environment !== 'live_mode') {
  throw new ConfigError('DODO_PAYMENTS_ENVIRONMENT must be test_mode or live_mode');
}
const database = await ensureDatabase({ dataDir: path.join(devDataDir(), 'postgres') });
await migrateDatabase(database.url);
const { db, client } = createDatabase(database.url, 1);
await seedCatalogue(db);
const report = await syncCatalogueToDodo(db, createDodoClient({ DODO_PAYMENTS_API_KEY: apiKey, DODO_PAYMENTS_ENVIRONMENT: environment }));
await client.end();
await database.stop();
console.log(`created: ${report.created.join(', ') || 'none'}; already there: ${report.kept.join(', ') || 'none'}`);
