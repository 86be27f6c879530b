// The release step (`npm run db:migrate`) run by two instances at once against an empty database:
// both succeed, every migration is applied once, and the app's pending-migration check then passes.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { pendingMigrations } from './migrate';
import journal from './migrations/meta/_journal.json' with { type: 'json' };

const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
const database = `migrate_race_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${database}` }).toString();
afterAll(async () => {
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});

function runMigrateCommand() {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: url, DATABASE_DIRECT_URL: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('npm run db:migrate', () => {
  it('applies every migration once when two instances run it at the same time', async () => {
    await admin.unsafe(`create database ${database}`);
    expect(await pendingMigrations(url)).toEqual(journal.entries.map((e) => e.tag));

    const runs = await Promise.all([runMigrateCommand(), runMigrateCommand()]);
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });

    const check = postgres(url, { max: 1 });
    const applied = await check<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
    const [{ jobs }] = await check<{ jobs: string | null }[]>`select to_regclass('graphile_worker.jobs')::text as jobs`;
    await check.end();
    expect(applied).toHaveLength(journal.entries.length);
    expect(jobs).not.toBeNull();
    expect(await pendingMigrations(url)).toEqual([]);
  }, 60_000);
});
