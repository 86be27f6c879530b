// The production server: Next's standalone output (`output: 'standalone'`), as `npm start`, the e2e
// tests, the multi-instance stack and the benchmark run it.
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { waitForHttp } from './wait';

/**
 * The standalone server's entry, with the static files beside it that `next build` leaves out of the
 * standalone folder (the Dockerfile copies the same two folders).
 */
export function standaloneServerEntry(projectRoot = process.cwd()) {
  const standalone = path.join(projectRoot, '.next', 'standalone');
  const entry = path.join(standalone, 'server.js');
  if (!existsSync(entry)) {
    throw new Error('No production build found: run `npm run build` first (npm run test:e2e and npm run bench do it for you).');
  }
  cpSync(path.join(projectRoot, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
  cpSync(path.join(projectRoot, 'public'), path.join(standalone, 'public'), { recursive: true });
  return entry;
}

export type RunningNextServer = { url: string; pid: number; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function startNextServer(opts: {
  port: number;
  env: Record<string, string | undefined>;
  quiet?: boolean;
  nodeArgs?: string[];
  entry?: string;
}): Promise<RunningNextServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const app = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.entry ?? standaloneServerEntry()], {
    env: { ...opts.env, NODE_ENV: 'production', PORT: String(opts.port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => app.once('exit', () => resolve()));
  await Promise.race([
    waitForHttp(`${url}/api/health`, 60_000),
    exited.then(() => {
      throw new Error(`the app server exited with code ${app.exitCode} before serving`);
    }),
  ]);
  return {
    url,
    pid: app.pid!,
    stop: async (signal = 'SIGTERM') => {
      if (app.exitCode !== null || app.signalCode !== null) return;
      app.kill(signal);
      await exited;
    },
  };
}
