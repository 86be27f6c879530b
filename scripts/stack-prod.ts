// `npm run stack:prod -- [--apps 2] [--workers 2] [--no-pgbouncer] [--port 8080]`: the production build
// as several app instances behind nginx, several workers, one PostgreSQL (DATABASE_URL, else embedded)
// and PgBouncer in transaction mode, with the sandbox sending webhooks to the load balancer. Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startProdStack } from './lib/prod-stack';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    'no-pgbouncer': { type: 'boolean', default: false },
    port: { type: 'string' },
    build: { type: 'boolean', default: false },
  },
});

if (values.build || !existsSync('.next/standalone/server.js')) {
  const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

try {
  const stack = await startProdStack({
    apps: Number(values.apps),
    workers: Number(values.workers),
    pgbouncer: !values['no-pgbouncer'],
    port: values.port ? Number(values.port) : undefined,
    log: (line) => console.log(`[stack] ${line}`),
  });
  console.log(`[stack] open ${stack.url}; sandbox ${stack.base.sandbox?.url ?? '(real Dodo)'}; Ctrl-C stops everything`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`[stack] ${(err as Error).message}`);
  process.exit(1);
}
