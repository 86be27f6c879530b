// The production topology on one machine, from real parts: the standalone build as N app instances
// behind nginx, M workers (`scripts/worker.ts`), one PostgreSQL, optionally PgBouncer in transaction mode
// between the apps and PostgreSQL, and the sandbox sending its webhooks to the load balancer.
// nginx and PgBouncer are Debian's, run in the foreground as children, with their config in a temp folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { generateWebhookSecret, startStack, type Stack } from './stack';
import { postgresUser } from './postgres';
import { standaloneServerEntry, startNextServer, type RunningNextServer } from './next-server';
import { waitForHttp } from './wait';
import type { SandboxOptions } from '@dodo-saas-starter/dodo-sandbox';

export type ProdStackOptions = {
  apps: number;
  workers: number;
  /** Puts PgBouncer (transaction mode) between the apps and PostgreSQL. */
  pgbouncer: boolean;
  /** Port of the load balancer (default: a free one). */
  port?: number;
  /** Extra environment for apps and workers (e.g. CRM_WEBHOOK_URL). */
  env?: Record<string, string>;
  sandboxOptions?: Partial<SandboxOptions>;
  /** Where the children's output goes; default: this process's stdout/stderr. */
  quiet?: boolean;
  log?: (line: string) => void;
};

export type AppInstance = { port: number; server: RunningNextServer | null };
export type WorkerInstance = { process: ChildProcess | null };

export type ProdStack = {
  /** The load balancer: what browsers and Dodo talk to. */
  url: string;
  /** DATABASE_URL of the apps (through PgBouncer when enabled) and the direct one. */
  databaseUrl: string;
  directDatabaseUrl: string;
  base: Stack;
  apps: AppInstance[];
  workers: WorkerInstance[];
  startApp(index: number): Promise<void>;
  /** SIGKILL (a crash) by default; SIGTERM is a graceful stop. */
  stopApp(index: number, signal?: NodeJS.Signals): Promise<void>;
  startWorker(index: number): Promise<void>;
  stopWorker(index: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
};

/** A folder the `postgres` user (which PgBouncer runs as under root) can read. */
function configFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dodo-prod-stack-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** The program's path: on PATH, or in /usr/sbin where Debian puts it (often not on a user's PATH). */
function findProgram(name: string, debianPackage: string) {
  for (const candidate of [name, `/usr/sbin/${name}`]) {
    if (!spawnSync(candidate, ['-V'], { stdio: 'ignore' }).error) return candidate;
  }
  throw new Error(`${name} is not installed: apt-get install ${debianPackage} (Debian/Ubuntu).`);
}

/** Resolves once `port` accepts TCP connections; rejects when the child exits first. */
async function waitForChild(child: ChildProcess, name: string, ready: () => Promise<boolean>) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start within 20 s`);
}

function acceptsConnections(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function startPgBouncer(dir: string, postgresPort: number, quiet: boolean) {
  const program = findProgram('pgbouncer', 'pgbouncer');
  const port = await freePort();
  writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" "postgres"\n', { mode: 0o644 });
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=127.0.0.1 port=${postgresPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'log_connections = 0',
      'log_disconnections = 0',
      'log_stats = 0',
      'max_client_conn = 1000',
      'default_pool_size = 40',
      // postgres.js and node-postgres send these at start-up; PgBouncer would refuse the connection.
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const child = spawn(program, [path.join(dir, 'pgbouncer.ini')], {
    ...(postgresUser() ?? {}),
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
  });
  await waitForChild(child, 'pgbouncer', () => acceptsConnections(port));
  return { port, child };
}

/** The `location /` block of deploy/nginx.conf: the stack proxies by exactly the rules a deployment uses. */
function deployedProxyRules(projectRoot = process.cwd()): string {
  const conf = readFileSync(path.join(projectRoot, 'deploy', 'nginx.conf'), 'utf8');
  const block = /^ {4}location \/ \{\n[\s\S]*?^ {4}\}\n/m.exec(conf);
  if (!block) throw new Error('deploy/nginx.conf has no `location / { … }` block for the stack to use');
  return block[0];
}

async function startNginx(dir: string, port: number, appPorts: number[], quiet: boolean) {
  const program = findProgram('nginx', 'nginx');
  const temp = (name: string) => path.join(dir, name);
  writeFileSync(
    temp('nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log stderr error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream app {
${appPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    proxy_read_timeout 30s;
${deployedProxyRules()}  }
}
`,
  );
  const child = spawn(program, ['-e', 'stderr', '-p', dir, '-c', temp('nginx.conf')], {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
  });
  await waitForChild(child, 'nginx', () => acceptsConnections(port));
  return child;
}

export async function startProdStack(opts: ProdStackOptions): Promise<ProdStack> {
  const log = opts.log ?? (() => {});
  const quiet = opts.quiet ?? false;
  const entry = standaloneServerEntry();
  const lbPort = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${lbPort}`;
  const dir = configFolder();
  const children: ChildProcess[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const base = await startStack({
      appUrl: url,
      given: {},
      defaults: { webhookSecret: generateWebhookSecret(), authSecret: randomBytes(32).toString('base64') },
      sandboxOptions: opts.sandboxOptions,
      log,
    });
    cleanup.push(() => base.stop());
    const directDatabaseUrl = base.env.DATABASE_URL;
    let databaseUrl = directDatabaseUrl;
    if (opts.pgbouncer) {
      const bouncer = await startPgBouncer(dir, Number(new URL(directDatabaseUrl).port), quiet);
      children.push(bouncer.child);
      cleanup.push(() => stopChild(bouncer.child, 'SIGINT'));
      databaseUrl = Object.assign(new URL(directDatabaseUrl), { port: String(bouncer.port) }).toString();
      log(`pgbouncer (transaction mode) on 127.0.0.1:${bouncer.port}`);
    }
    const env: NodeJS.ProcessEnv = {
      LOG_LEVEL: 'warn',
      ...process.env,
      ...base.env,
      DATABASE_URL: databaseUrl,
      DATABASE_DIRECT_URL: directDatabaseUrl,
      ...(opts.pgbouncer ? { DATABASE_PREPARED_STATEMENTS: 'false' } : {}),
      ...opts.env,
    };

    const apps: AppInstance[] = [];
    for (let i = 0; i < opts.apps; i++) apps.push({ port: await freePort(), server: null });
    const startApp = async (index: number) => {
      const app = apps[index];
      app.server = await startNextServer({ port: app.port, env, quiet, entry });
      log(`app ${index + 1} on ${app.server.url} (pid ${app.server.pid})`);
    };
    const stopApp = async (index: number, signal: NodeJS.Signals = 'SIGKILL') => {
      await apps[index].server?.stop(signal);
      apps[index].server = null;
    };
    cleanup.push(async () => {
      await Promise.all(apps.map((_, i) => stopApp(i, 'SIGTERM')));
    });
    for (let i = 0; i < apps.length; i++) await startApp(i);

    const workers: WorkerInstance[] = Array.from({ length: opts.workers }, () => ({ process: null }));
    const startWorker = async (index: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      workers[index].process = child;
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (!quiet) process.stdout.write(chunk);
          if (chunk.toString().includes('[worker] running')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`worker ${index + 1} exited with code ${code} while starting`)));
      });
      log(`worker ${index + 1} running (pid ${child.pid})`);
    };
    const stopWorker = async (index: number, signal: NodeJS.Signals = 'SIGKILL') => {
      await stopChild(workers[index].process, signal);
      workers[index].process = null;
    };
    cleanup.push(async () => {
      await Promise.all(workers.map((_, i) => stopWorker(i, 'SIGTERM')));
    });
    for (let i = 0; i < workers.length; i++) await startWorker(i);

    const nginx = await startNginx(dir, lbPort, apps.map((a) => a.port), quiet);
    cleanup.push(() => stopChild(nginx, 'SIGTERM'));
    await waitForHttp(`${url}/api/health`, 20_000);
    log(`nginx on ${url} → ${apps.length} apps; ${workers.length} workers; sandbox webhooks → ${url}/api/webhooks/dodo`);

    return { url, databaseUrl, directDatabaseUrl, base, apps, workers, startApp, stopApp, startWorker, stopWorker, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
