// `next start` (a production build) on a given port, for the e2e tests and the benchmark.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitForHttp } from './wait';

export async function startNextServer(opts: { port: number; env: Record<string, string | undefined>; quiet?: boolean; nodeArgs?: string[] }) {
  if (!existsSync('.next/BUILD_ID')) {
    throw new Error('No production build found: run `npm run build` first (npm run test:e2e and npm run bench do it for you).');
  }
  const url = `http://127.0.0.1:${opts.port}`;
  const app = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'node_modules/next/dist/bin/next', 'start', '-p', String(opts.port), '-H', '127.0.0.1'], {
    env: { ...opts.env, NODE_ENV: 'production' },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  await waitForHttp(`${url}/api/health`, 60_000);
  return {
    url,
    stop: async () => {
      if (app.exitCode !== null) return;
      app.kill('SIGTERM');
      await new Promise((resolve) => app.once('exit', resolve));
    },
  };
}
