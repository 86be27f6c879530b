// A database and a sandbox of the importing test file's own, made this process's configuration before
// any app module reads it: import this first. For tests that move the sandbox's clock or count rows
// exactly, which the run's shared database and sandbox cannot allow.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { DEFAULT_SANDBOX_API_KEY, startSandbox } from '@dodo-saas-starter/dodo-sandbox';
import { migrateDatabase } from '@/db/migrate';
import { readEnv } from '@/lib/env';
import { migrateJobQueue } from '@/lib/jobs/worker';

const shared = readEnv(['DATABASE_URL', 'DODO_PAYMENTS_WEBHOOK_KEY']);
const databaseName = `isolated_${randomUUID().replaceAll('-', '')}`;
const admin = postgres(shared.DATABASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${databaseName}`);
const url = new URL(shared.DATABASE_URL);
url.pathname = `/${databaseName}`;
const databaseUrl = url.toString();
await migrateDatabase(databaseUrl);
await migrateJobQueue(databaseUrl);

// Its deliveries go nowhere: the tests deliver each recorded event themselves.
export const sandbox = await startSandbox({
  apiKey: DEFAULT_SANDBOX_API_KEY,
  webhookUrl: 'http://127.0.0.1:9/api/webhooks/dodo',
  webhookSecret: shared.DODO_PAYMENTS_WEBHOOK_KEY,
  timeFactor: 0.001,
});
sandbox.control.setFaults({ drop_webhooks: true });

// The catalogue, seeded and created as products by the command a forker runs against real Dodo.
const syncEnv = { NODE_ENV: 'test' as const, PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, DODO_PAYMENTS_API_KEY: DEFAULT_SANDBOX_API_KEY, DODO_PAYMENTS_BASE_URL: sandbox.url };
await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/sync-dodo.ts'], { env: syncEnv });

process.env.DATABASE_URL = databaseUrl;
process.env.DODO_PAYMENTS_BASE_URL = sandbox.url;

/** Stops the sandbox and drops the database (call after closing the test's own connections). */
export async function stopIsolatedStack() {
  await sandbox.stop();
  await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}
