// The check every entry point runs before serving or working (Next's instrumentation, the worker, the
// migrations, `npm run dev`): the whole configuration, then the database. A failure is one line that
// names what to fix, and the process stops instead of serving errors.
import { checkDatabaseReachable } from '@/db';
import { DatabaseUnreachableError } from '@/db/errors';
import { ConfigError, env, type AppEnv } from '@/lib/env';

/** Throws a ConfigError or a DatabaseUnreachableError; `database: 'direct'` checks DATABASE_DIRECT_URL when set. */
export async function checkStartup(opts: { database: 'app' | 'direct' }): Promise<AppEnv> {
  const config = env();
  if (opts.database === 'direct' && config.DATABASE_DIRECT_URL) {
    await checkDatabaseReachable(config.DATABASE_DIRECT_URL, 'DATABASE_DIRECT_URL');
  } else {
    await checkDatabaseReachable(config.DATABASE_URL);
  }
  return config;
}

/** Start-up problems the operator fixes (a variable, a database), as opposed to bugs that deserve a stack. */
export function isStartupProblem(err: unknown): err is ConfigError | DatabaseUnreachableError {
  return err instanceof ConfigError || err instanceof DatabaseUnreachableError;
}

/** For entry points: runs checkStartup, or prints `[tag] <the problem>` and exits 1. */
export async function checkStartupOrExit(tag: string, opts: { database: 'app' | 'direct' }): Promise<AppEnv> {
  try {
    return await checkStartup(opts);
  } catch (err) {
    if (!isStartupProblem(err)) throw err;
    console.error(`[${tag}] ${err.message}`);
    process.exit(1);
  }
}
