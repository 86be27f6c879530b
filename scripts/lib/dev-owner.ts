// One `npm run dev` per data folder. A run that died without cleaning up (kill -9, a closed terminal)
// leaves `next dev` and PostgreSQL behind; the next run stops them instead of failing on busy ports.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Owner = { pid: number; children: number[] };

/** Signal 0 checks that a process exists without touching it. */
export function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Throws if another live run owns `dataDir`; stops what a dead run left behind. */
export async function claimDevData(dataDir: string) {
  const file = path.join(dataDir, 'dev-owner.json');
  if (existsSync(file)) {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    if (owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new Error(`npm run dev is already running (pid ${owner.pid}); stop it first (Ctrl-C in its terminal).`);
    }
    for (const pid of owner.children.filter(isAlive)) {
      process.kill(pid, 'SIGTERM');
      await waitForExit(pid, 10_000);
    }
    // PostgreSQL's own pid file names the orphaned server; a fast shutdown keeps its data safe.
    const pgPidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const pgPid = existsSync(pgPidFile) ? Number(readFileSync(pgPidFile, 'utf8').split('\n')[0]) : 0;
    if (pgPid > 0 && isAlive(pgPid)) {
      process.kill(pgPid, 'SIGINT');
      await waitForExit(pgPid, 15_000);
    }
  }
  return {
    record: (children: number[]) => writeFileSync(file, JSON.stringify({ pid: process.pid, children } satisfies Owner)),
    release: () => rmSync(file, { force: true }),
  };
}
