// Liveness and readiness tell the truth: ready only with a valid configuration, a reachable database
// and every committed migration applied.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as liveness } from '@/app/api/health/route';
import { GET as readinessRoute } from '@/app/api/health/ready/route';
import { migrateDatabase } from '@/db/migrate';
import { SANDBOX_CONFIG } from '@/test/config';
import { freePort } from '@/scripts/lib/ports';
import { env, parseEnv } from './env';
import { checkReadiness } from './health';

const admin = postgres(env().DATABASE_URL, { max: 1, onnotice: () => {} });
const created: string[] = [];

/** A new, empty database on the test server: reachable, with no migration applied. */
async function emptyDatabaseUrl() {
  const name = `ready_${randomUUID().replaceAll('-', '')}`;
  await admin.unsafe(`create database ${name}`);
  created.push(name);
  const url = new URL(env().DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const configWith = (databaseUrl: string) => () => parseEnv({ ...SANDBOX_CONFIG, DATABASE_URL: databaseUrl });

afterAll(async () => {
  for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('GET /api/health/ready', () => {
  it('answers 200 for this running configuration and its migrated database', async () => {
    const res = await readinessRoute();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, config: 'valid', database: 'reachable', migrations: 'current' });
  });

  it('is not ready while migrations are pending, and ready once they are applied', async () => {
    const url = await emptyDatabaseUrl();
    expect(await checkReadiness(configWith(url))).toEqual({ ready: false, config: 'valid', database: 'reachable', migrations: 'pending' });
    await migrateDatabase(url);
    expect(await checkReadiness(configWith(url))).toMatchObject({ ready: true, migrations: 'current' });
  });

  it('is not ready when the database cannot be reached', async () => {
    const url = `postgres://app:secret@127.0.0.1:${await freePort()}/app`;
    expect(await checkReadiness(configWith(url))).toEqual({ ready: false, config: 'valid', database: 'unreachable', migrations: 'not checked' });
  });

  it('is not ready with an invalid configuration', async () => {
    const invalid = () => parseEnv({ ...SANDBOX_CONFIG, AUTH_SECRET: 'short' });
    expect(await checkReadiness(invalid)).toEqual({ ready: false, config: 'invalid', database: 'not checked', migrations: 'not checked' });
  });
});

describe('GET /api/health', () => {
  it('answers that the process is alive, and nothing about its internals', async () => {
    const res = liveness();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
