// What /api/health/ready reports to a load balancer or an orchestrator: the configuration is valid, the
// database answers, and it carries every committed migration. Names of checks only, never their details.
import { pendingMigrations } from '@/db/migrate';
import { ConfigError, env, type AppEnv } from '@/lib/env';

export type Readiness = {
  ready: boolean;
  config: 'valid' | 'invalid';
  database: 'reachable' | 'unreachable' | 'not checked';
  migrations: 'current' | 'pending' | 'not checked';
};

/** `readConfig` is the running process's configuration; tests pass another. */
export async function checkReadiness(readConfig: () => AppEnv = env): Promise<Readiness> {
  let databaseUrl: string;
  try {
    databaseUrl = readConfig().DATABASE_URL;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { ready: false, config: 'invalid', database: 'not checked', migrations: 'not checked' };
  }
  let pending: string[];
  try {
    pending = await pendingMigrations(databaseUrl);
  } catch {
    return { ready: false, config: 'valid', database: 'unreachable', migrations: 'not checked' };
  }
  return { ready: pending.length === 0, config: 'valid', database: 'reachable', migrations: pending.length ? 'pending' : 'current' };
}
