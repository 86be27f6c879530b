// The embedded PostgreSQL starts from a project in a folder only its owner can enter (a 0700 temp
// folder, root's home): as root, PostgreSQL runs as the `postgres` user, which cannot reach binaries there.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { packagedBinaries, startEmbeddedPostgres, type RunningDatabase } from './postgres';

const privateFolder = mkdtempSync(path.join(tmpdir(), 'dodo-private-project-'));
let database: RunningDatabase | undefined;
afterAll(async () => {
  await database?.stop();
  rmSync(privateFolder, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('starts and answers queries when the binaries sit in a 0700 folder', async () => {
    const binaries = path.join(privateFolder, 'node_modules', 'native');
    cpSync(packagedBinaries(), binaries, { recursive: true, verbatimSymlinks: true });
    chmodSync(privateFolder, 0o700);

    database = await startEmbeddedPostgres({ binaries });
    const sql = postgres(database.url, { max: 1 });
    const [row] = await sql<{ answer: number }[]>`select 6 * 7 as answer`;
    await sql.end();
    expect(row.answer).toBe(42);
  }, 120_000);
});
