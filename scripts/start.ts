// `npm start`: the production server (Next's standalone output) on PORT (default 3000) and HOSTNAME
// (default 0.0.0.0). It refuses to serve while migrations are pending (instrumentation.ts), and on
// SIGTERM stops accepting connections and finishes the requests in flight (webhooks included).
import { spawn } from 'node:child_process';
import { standaloneServerEntry } from './lib/next-server';

let entry: string;
try {
  entry = standaloneServerEntry();
} catch (err) {
  console.error(`[start] ${(err as Error).message}`);
  process.exit(1);
}
const server = spawn(process.execPath, [entry], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
