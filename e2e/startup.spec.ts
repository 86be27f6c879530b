// `next start` checks the whole configuration and the database before it serves (instrumentation.ts):
// a bad variable or an unreachable database stops it with exit code 1 and one line, never a 500 page.
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { freePort } from '../scripts/lib/ports';

/** The e2e stack's own configuration (set by the global set-up); each case spoils one variable of it. */
function goodConfig() {
  const names = ['DATABASE_URL', 'DODO_PAYMENTS_API_KEY', 'DODO_PAYMENTS_BASE_URL', 'DODO_PAYMENTS_WEBHOOK_KEY', 'AUTH_SECRET', 'APP_URL'];
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}

/** Runs the production build's `next start` with these variables until it exits; what it printed, and the page it served, if any. */
async function nextStart(vars: Record<string, string | undefined>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  // Asked while it starts: the answer must never be a page.
  const page = fetch(`http://127.0.0.1:${port}/pricing`).then(
    (res) => res.status,
    () => null,
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output, pageStatus: await page };
}

test('next start with AUTH_SECRET=short stops, naming the variable, and serves nothing', async () => {
  const result = await nextStart({ ...goodConfig(), AUTH_SECRET: 'short' });
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/\[app\] Invalid configuration[^]*AUTH_SECRET must be at least 32 characters/);
  expect(result.pageStatus).toBeNull();
});

test('next start with DODO_PAYMENTS_WEBHOOK_KEY=nonsense stops, naming the variable', async () => {
  const result = await nextStart({ ...goodConfig(), DODO_PAYMENTS_WEBHOOK_KEY: 'nonsense' });
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/DODO_PAYMENTS_WEBHOOK_KEY must be a Standard Webhooks secret/);
});

test('next start with an unreachable DATABASE_URL says so and stops', async () => {
  const port = await freePort();
  const result = await nextStart({ ...goodConfig(), DATABASE_URL: `postgres://app:secret@127.0.0.1:${port}/app` });
  expect(result.code).toBe(1);
  expect(result.output).toContain(`[app] DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${port}`);
  expect(result.output).not.toContain('secret@');
  expect(result.pageStatus).toBeNull();
});

test('the running app is live and ready', async ({ request }) => {
  expect(await (await request.get('/api/health')).json()).toEqual({ ok: true });
  const ready = await request.get('/api/health/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, config: 'valid', database: 'reachable', migrations: 'current' });
});
