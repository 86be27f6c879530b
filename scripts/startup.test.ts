// Every entry point checks the whole configuration and the database before it serves or works: a bad
// variable or an unreachable database stops it with exit code 1 and one line naming what to fix.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { env } from '@/lib/env';
import { freePort } from './lib/ports';

type Outcome = { code: number | null; stdout: string; stderr: string };

// Each case starts a fresh tsx process that loads the whole entry point; a busy machine needs the time.
vi.setConfig({ testTimeout: 120_000 });

const dataDir = mkdtempSync(path.join(tmpdir(), 'startup-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The test run's own working configuration; each case spoils one variable of it. */
function goodConfig(): Record<string, string> {
  const config = env();
  return {
    DATABASE_URL: config.DATABASE_URL,
    DODO_PAYMENTS_API_KEY: config.DODO_PAYMENTS_API_KEY,
    DODO_PAYMENTS_BASE_URL: config.DODO_PAYMENTS_BASE_URL!,
    DODO_PAYMENTS_WEBHOOK_KEY: config.DODO_PAYMENTS_WEBHOOK_KEY,
    AUTH_SECRET: config.AUTH_SECRET,
    APP_URL: config.APP_URL,
  };
}

/** A database URL nothing answers on: a port that was free a moment ago. */
async function unreachableDatabaseUrl() {
  return `postgres://app:secret@127.0.0.1:${await freePort()}/app`;
}

/** Runs `node --import tsx <script>` with exactly these variables (plus PATH and HOME), until it exits or `until` shows up. */
function run(script: string, vars: Record<string, string>, until?: RegExp): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // Signals reach the script itself: the tsx command relays them and SIGKILLs a child slow to confirm.
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', DEV_DATA_DIR: dataDir, ...vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      out[stream] += chunk.toString();
      if (until?.test(out.stdout)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

describe('npm run dev', () => {
  const devPorts = async () => ({ PORT: String(await freePort()), SANDBOX_PORT: String(await freePort()) });

  it.each([
    ['AUTH_SECRET', 'short', /AUTH_SECRET must be at least 32 characters/],
    ['DODO_PAYMENTS_WEBHOOK_KEY', 'nonsense', /DODO_PAYMENTS_WEBHOOK_KEY must be a Standard Webhooks secret/],
    ['APP_URL', 'localhost:3000', /APP_URL must be an http/],
  ])('with %s=%s stops before starting anything, naming the variable', async (name, value, message) => {
    const result = await run('scripts/dev.ts', { ...(await devPorts()), [name]: value });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(/database|Ctrl-C stops everything/);
  });

  it('reports an unreachable DATABASE_URL as such, never "database ready" first', async () => {
    const url = await unreachableDatabaseUrl();
    const result = await run('scripts/dev.ts', { ...(await devPorts()), DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`DATABASE_URL: cannot reach PostgreSQL at ${new URL(url).host}`);
    expect(result.stderr).not.toContain('secret');
    expect(result.stdout).not.toMatch(/ready|Ctrl-C stops everything/);
  });
});

describe('npm run worker and npm run db:migrate', () => {
  it.each(['scripts/worker.ts', 'scripts/migrate.ts'])('%s stops on a malformed variable, naming it', async (script) => {
    const result = await run(script, { ...goodConfig(), DODO_PAYMENTS_WEBHOOK_KEY: 'nonsense' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DODO_PAYMENTS_WEBHOOK_KEY must be a Standard Webhooks secret/);
    expect(result.stdout).not.toMatch(/running|applied/);
  });

  it('the worker stops on a missing variable, naming it', async () => {
    const { AUTH_SECRET: _, ...rest } = goodConfig();
    const result = await run('scripts/worker.ts', rest);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AUTH_SECRET is missing/);
  });

  it.each(['scripts/worker.ts', 'scripts/migrate.ts'])('%s reports an unreachable database as such', async (script) => {
    const url = await unreachableDatabaseUrl();
    const result = await run(script, { ...goodConfig(), DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`DATABASE_URL: cannot reach PostgreSQL at ${new URL(url).host}`);
  });

  it('a direct URL that cannot be reached is named as DATABASE_DIRECT_URL', async () => {
    const result = await run('scripts/migrate.ts', { ...goodConfig(), DATABASE_DIRECT_URL: await unreachableDatabaseUrl() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_DIRECT_URL: cannot reach PostgreSQL/);
  });

  it('with a good configuration, the migrations run and the worker starts (and stops on SIGTERM)', async () => {
    // A job queue of its own: the other test files' jobs must not keep this worker busy at SIGTERM.
    const config = { ...goodConfig(), GRAPHILE_WORKER_SCHEMA: 'gw_startup_test' };
    const migrated = await run('scripts/migrate.ts', config);
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toBe('');
    const worker = await run('scripts/worker.ts', config, /running/);
    expect(worker.stdout).toMatch(/\[worker\] running/);
    expect(worker.code).toBe(0);
  });
});
