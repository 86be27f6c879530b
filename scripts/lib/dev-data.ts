// Where `npm run dev` keeps its persistent data (PostgreSQL cluster, sandbox state, generated secrets).
// Outside the project folder on purpose: Next's dev server (Turbopack) watches every file under the
// project root, and PostgreSQL writes constantly, which made every page reload itself in a loop.
import { createHash } from 'node:crypto';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { readEnv } from '../../lib/env';

export function devDataDir(projectRoot = process.cwd()) {
  const { DEV_DATA_DIR, XDG_DATA_HOME } = readEnv(['DEV_DATA_DIR', 'XDG_DATA_HOME']);
  if (DEV_DATA_DIR) return path.resolve(DEV_DATA_DIR);
  // As root, PostgreSQL runs as a separate `postgres` user, which cannot enter root's home (mode 700).
  const base = userInfo().uid === 0 ? '/var/lib' : XDG_DATA_HOME || path.join(homedir(), '.local', 'share');
  // One folder per checkout, so two clones never share a database.
  const id = createHash('sha256').update(path.resolve(projectRoot)).digest('hex').slice(0, 10);
  return path.join(base, 'dodo-saas-starter', `${path.basename(projectRoot)}-${id}`);
}

/** Where a running `npm run dev` writes its database URL, for scripts started beside it. */
export function devDatabaseUrlFile(dataDir = devDataDir()) {
  return path.join(dataDir, 'database-url');
}
