// `npm run dev`: database, migrations, seed, sandbox (when no Dodo key is set), worker and `next dev`, together.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { generateWebhookSecret, startStack, type Stack } from './lib/stack';
import { isPortInUse } from './lib/ports';
import { devDatabaseUrlFile, devDataDir } from './lib/dev-data';
import { claimDevData } from './lib/dev-owner';
import { startWorker, type RunningWorker } from '../lib/jobs/worker';
import { reconciliationSchedule, trialReminderSchedule, retentionSchedule } from '../lib/ops/schedule';
import { loadEnvFiles } from './lib/env-files';
import { warmPurchasePath } from './lib/warm-up';
import { readEnv, readGivenEnv, VARIABLE_NAMES } from '../lib/env';
import { checkStartup, isStartupProblem } from '../lib/startup';

// .env.local and friends first: a value set there or in the shell wins over generated defaults.
loadEnvFiles();
// Next's own variable: no telemetry from a dev run unless asked for.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const DATA_DIR = devDataDir();
const log = (line: string) => console.log(`[dev] ${line}`);

/** Secrets generated once per checkout and kept with the dev data, so sandbox and app agree across restarts. */
function devDefaults() {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = `${DATA_DIR}/dev-secrets.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { webhookSecret: string; authSecret: string };
  const secrets = { webhookSecret: generateWebhookSecret(), authSecret: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  // What is set is checked before anything starts (the rest is generated below, then checked as a whole).
  const given = readGivenEnv(VARIABLE_NAMES);
  const { PORT: port, SANDBOX_PORT: sandboxPort } = readEnv(['PORT', 'SANDBOX_PORT']);
  mkdirSync(DATA_DIR, { recursive: true });
  const ownership = await claimDevData(DATA_DIR);
  if (await isPortInUse(port)) throw new Error(`Port ${port} is in use: stop what runs there or set PORT.`);
  if (!given.DODO_PAYMENTS_API_KEY && (await isPortInUse(sandboxPort))) {
    throw new Error(`Port ${sandboxPort} (sandbox) is in use: stop what runs there or set SANDBOX_PORT.`);
  }

  const children: ChildProcess[] = [];
  let stack: Stack | null = null;
  let worker: RunningWorker | null = null;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await worker?.stop();
    await stack?.stop();
    ownership.release();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    stack = await startStack({
      dataDir: DATA_DIR,
      appUrl: `http://localhost:${port}`,
      sandboxPort,
      sandboxStateFile: `${DATA_DIR}/sandbox-state.json`,
      given,
      defaults: devDefaults(),
      log,
    });
    // The worker runs in this process and next dev inherits it: both read the generated values from here.
    Object.assign(process.env, stack.env);
    // The whole configuration, as the app and the worker will read it, before either starts.
    await checkStartup({ database: 'app' });
  } catch (err) {
    if (!isStartupProblem(err)) throw err;
    console.error(`[dev] ${err.message}`);
    return stopAll(1);
  }

  // For the command-line tools run beside the dev server (npm run admin:grant).
  writeFileSync(devDatabaseUrlFile(DATA_DIR), stack.env.DATABASE_URL, { mode: 0o600 });
  // In-process: jobs enqueued by webhooks run while you click through checkout.
  worker = await startWorker({
    databaseUrl: stack.env.DATABASE_URL,
    schedule: [reconciliationSchedule, trialReminderSchedule, retentionSchedule],
    // Postgres gets Ctrl-C too; the worker's complaints about it going away are noise.
    log: (line) => stopping || log(`[worker] ${line}`),
  });
  const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-p', String(port)], {
    env: process.env,
    stdio: 'inherit',
  });
  children.push(next);
  ownership.record(children.map((c) => c.pid).filter((pid): pid is number => pid !== undefined));
  next.once('exit', (code) => void stopAll(code ?? 0));

  log(`app      http://localhost:${port}`);
  if (stack.sandbox) log(`sandbox  ${stack.sandbox.url}  (offline Dodo; control API under /sandbox/)`);
  else log(`Dodo     ${given.DODO_PAYMENTS_ENVIRONMENT ?? 'live_mode'} (real Dodo: DODO_PAYMENTS_API_KEY is set)`);
  log(`mail     ${given.SMTP_URL ? 'SMTP_URL' : `dev mailbox at http://localhost:${port}/dev/mail`}; background jobs run in this process`);
  log(`database ${stack.database.embedded ? `embedded PostgreSQL, data in ${DATA_DIR}/postgres` : 'DATABASE_URL'}`);
  log('Ctrl-C stops everything.');
  // In the background: the buyer can open the app at once; by the first purchase its routes are compiled.
  warmPurchasePath(`http://localhost:${port}`, log).catch((err: Error) => stopping || log(`warm-up skipped: ${err.message}`));
}

main().catch((err: unknown) => {
  // A start-up problem is one line; anything else is a bug and keeps its stack.
  console.error(`[dev] ${isStartupProblem(err) ? err.message : (err as Error).stack}`);
  process.exit(1);
});
