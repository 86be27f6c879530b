// Brings up the pieces the app needs (database, migrations and the job queue's schema, seed, sandbox) and hands back their config.
import { randomBytes } from 'node:crypto';
import { ensureDatabase, type RunningDatabase } from './postgres';
import { migrateDatabase } from '../../db/migrate';
import { migrateJobQueue } from '../../lib/jobs/worker';
import { checkDatabaseReachable, createDatabase } from '../../db/index';
import { seedCatalogue } from '../../db/seed';
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type RunningSandbox, type SandboxOptions } from '@dodo-saas-starter/dodo-sandbox';
import { createDodoClient } from '../../lib/dodo/client';
import { syncCatalogueToDodo } from '../../lib/billing/catalogue-sync';

export type Stack = {
  env: Record<string, string>;
  database: RunningDatabase;
  sandbox: RunningSandbox | null;
  stop: () => Promise<void>;
};

export function generateWebhookSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

type StackOptions = {
  /** Persistent data folder for dev; omitted means throwaway (tests). */
  dataDir?: string;
  appUrl: string;
  sandboxPort?: number;
  sandboxStateFile?: string;
  /** Extra sandbox settings (tests compress its retry schedule, for example). */
  sandboxOptions?: Partial<SandboxOptions>;
  /** Values that win over generated ones (from the environment or .env.local, validated by lib/env.ts). */
  given?: { DODO_PAYMENTS_API_KEY?: string; DODO_PAYMENTS_WEBHOOK_KEY?: string; AUTH_SECRET?: string; APP_URL?: string; SANDBOX_API_KEY?: string };
  /** Secrets kept across runs (dev); omitted, fresh ones are generated (tests, bench). */
  defaults?: { webhookSecret: string; authSecret: string };
  log?: (line: string) => void;
};

export async function startStack(opts: StackOptions): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const given = opts.given ?? {};
  const defaults = opts.defaults ?? { webhookSecret: generateWebhookSecret(), authSecret: randomBytes(32).toString('base64') };
  const database = await ensureDatabase({ dataDir: opts.dataDir ? `${opts.dataDir}/postgres` : undefined });
  // A given DATABASE_URL is only "ready" once it answers.
  if (!database.embedded) await checkDatabaseReachable(database.url);
  log(`database ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ready`);
  // graphile-worker's schema too: the webhook adds jobs with its SQL function inside its own transaction.
  await migrateDatabase(database.url, [migrateJobQueue]);
  const { db, client } = createDatabase(database.url, 1);
  const planCount = await seedCatalogue(db);
  log(`migrations applied, ${planCount} plans seeded`);

  const webhookKey = given.DODO_PAYMENTS_WEBHOOK_KEY || defaults.webhookSecret;
  const useRealDodo = Boolean(given.DODO_PAYMENTS_API_KEY);
  let sandbox: RunningSandbox | null = null;
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    DODO_PAYMENTS_WEBHOOK_KEY: webhookKey,
    AUTH_SECRET: given.AUTH_SECRET || defaults.authSecret,
    APP_URL: given.APP_URL || opts.appUrl,
  };
  if (!useRealDodo) {
    const apiKey = given.SANDBOX_API_KEY || DEFAULT_SANDBOX_API_KEY;
    sandbox = await startSandbox({
      port: opts.sandboxPort ?? 0,
      apiKey,
      webhookUrl: `${env.APP_URL}/api/webhooks/dodo`,
      webhookSecret: webhookKey,
      stateFile: opts.sandboxStateFile,
      log: (line) => log(`[sandbox] ${line}`),
      ...opts.sandboxOptions,
    });
    env.DODO_PAYMENTS_API_KEY = apiKey;
    env.DODO_PAYMENTS_BASE_URL = sandbox.url;
    log(`sandbox listening on ${sandbox.url}`);
    // The sandbox gets the catalogue automatically; real Dodo gets it from `npm run dodo:sync`.
    const report = await syncCatalogueToDodo(db, createDodoClient(env as { DODO_PAYMENTS_API_KEY: string }));
    log(`catalogue synced to the sandbox (${report.created.length} products created, ${report.kept.length} kept)`);
  }
  await client.end();
  return {
    env,
    database,
    sandbox,
    stop: async () => {
      await sandbox?.stop();
      await database.stop();
    },
  };
}
