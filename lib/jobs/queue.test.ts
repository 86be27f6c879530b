// The fulfilment queue against a real PostgreSQL: transactional enqueue, idempotency, retries, dead
// jobs, operator retries, workers racing, and a worker killed in the middle of a job.
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { fulfilments, workspaces } from '@/db/schema';
import { closeDb, createUser, db } from '@/test/fixtures';
import { enqueueFulfilment, enqueueFulfilments, DEFAULT_MAX_ATTEMPTS } from './enqueue';
import type { FulfilmentHandler, FulfilmentKind } from './kinds';
import { getFulfilmentWithAttempts, listFulfilments, retryFulfilment } from './queries';
import { jobQueueSchema, jobRunsFulfilment } from './queue';
import {
  TEST_LOCK_TIMEOUT_MS,
  fulfilmentFor,
  waitForNoJobs,
  waitingJobsFor,
  startTestWorker,
  stopTestWorkers,
  useOwnJobQueue,
  waitForStatus,
} from '@/test/jobs/harness';

beforeAll(() => useOwnJobQueue('queue'));
afterEach(stopTestWorkers);
afterAll(closeDb);

async function orphanJobCount() {
  const [row] = await db().execute<{ count: number }>(sql`
    select count(*)::int as count from ${sql.identifier(jobQueueSchema())}._private_jobs as jobs
    where not exists (select 1 from ${fulfilments} as f where ${jobRunsFulfilment(sql`f.id`)})`);
  return row.count;
}

describe('enqueueFulfilment', () => {
  it('leaves neither a fulfilment nor a job when the caller rolls back', async () => {
    const user = await createUser();
    await expect(
      db().transaction(async (tx) => {
        await enqueueFulfilment(tx, { kind: 'provision_workspace', subjectId: user.id, payload: {} });
        throw new Error('the webhook failed after enqueueing');
      }),
    ).rejects.toThrow('the webhook failed');

    expect(await fulfilmentFor('provision_workspace', user.id)).toBeUndefined();
    expect(await orphanJobCount()).toBe(0);
  });

  it('keeps one fulfilment and one job when the same kind and subject are enqueued twice', async () => {
    const user = await createUser();
    const job = { kind: 'provision_workspace' as const, subjectId: user.id, payload: { planId: 'pro-monthly' } };
    await db().transaction(async (tx) => {
      await enqueueFulfilment(tx, job);
      await enqueueFulfilment(tx, job);
    });
    await db().transaction((tx) => enqueueFulfilment(tx, job));

    const rows = await listFulfilments({ subjectIds: [user.id], limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'provision_workspace', status: 'queued', attempts: 0, maxAttempts: DEFAULT_MAX_ATTEMPTS, payload: { planId: 'pro-monthly' } });
    expect(await waitingJobsFor(rows[0].id)).toHaveLength(1);

    await startTestWorker();
    const done = await waitForStatus('provision_workspace', user.id, ['succeeded']);
    expect(done.attempts).toBe(1);
    expect(await db().select().from(workspaces).where(eq(workspaces.userId, user.id))).toHaveLength(1);
    await waitForNoJobs(done.id);
  });

  it('enqueues several follow-ups of one event in one go, skipping those already there', async () => {
    const user = await createUser();
    await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'onboarding_email', subjectId: user.id, payload: { first: true } }));
    await db().transaction((tx) =>
      enqueueFulfilments(tx, [
        { kind: 'provision_workspace', subjectId: user.id, payload: {} },
        { kind: 'onboarding_email', subjectId: user.id, payload: { first: false } },
        { kind: 'crm_webhook', subjectId: user.id, payload: {} },
        { kind: 'crm_webhook', subjectId: user.id, payload: {} },
      ]),
    );
    const rows = await listFulfilments({ subjectIds: [user.id], limit: 10 });
    expect(rows.map((r) => r.kind).sort()).toEqual(['crm_webhook', 'onboarding_email', 'provision_workspace']);
    expect(rows.find((r) => r.kind === 'onboarding_email')!.payload).toEqual({ first: true });
    // The two new ones share one job; the onboarding email keeps the job it already had.
    const [newJob] = await waitingJobsFor(rows.find((r) => r.kind === 'crm_webhook')!.id);
    expect(await waitingJobsFor(rows.find((r) => r.kind === 'provision_workspace')!.id)).toEqual([newJob]);
    expect(await waitingJobsFor(rows.find((r) => r.kind === 'onboarding_email')!.id)).not.toEqual([newJob]);
    expect(await orphanJobCount()).toBe(0);

    // One of the shared job's fulfilments fails once: it is retried in a job of its own, the other is not run again.
    let crmCalls = 0;
    const flakyCrm: FulfilmentHandler = async () => {
      crmCalls += 1;
      if (crmCalls === 1) throw new Error('CRM busy');
      return 'posted';
    };
    await startTestWorker({ handlers: { crm_webhook: flakyCrm } });
    for (const row of rows) await waitForStatus(row.kind as FulfilmentKind, user.id, ['succeeded']);
    expect((await fulfilmentFor('provision_workspace', user.id))!.attempts).toBe(1);
    expect((await fulfilmentFor('crm_webhook', user.id))!.attempts).toBe(2);
  });
});

describe('retries', () => {
  it('records two failed attempts and ends succeeded on the third', async () => {
    const user = await createUser();
    let calls = 0;
    const flaky: FulfilmentHandler = async () => {
      calls += 1;
      if (calls < 3) throw new Error(`mail server busy (${calls})`);
      return 'sent';
    };
    await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'onboarding_email', subjectId: user.id, payload: {} }));
    await startTestWorker({ handlers: { onboarding_email: flaky } });

    const done = await waitForStatus('onboarding_email', user.id, ['succeeded', 'dead']);
    const detail = await getFulfilmentWithAttempts(done.id);
    expect(detail).toMatchObject({ status: 'succeeded', attempts: 3, result: 'sent', lastError: 'mail server busy (2)' });
    expect(detail!.completedAt).not.toBeNull();
    expect(detail!.attemptLog.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'failed', 'mail server busy (1)'],
      [2, 'failed', 'mail server busy (2)'],
      [3, 'succeeded', null],
    ]);
    expect(detail!.attemptLog.every((a) => a.finishedAt !== null)).toBe(true);
  });

  it('ends dead with the last error after max attempts, and an operator retry runs it again once', async () => {
    const user = await createUser();
    let fixed = false;
    const broken: FulfilmentHandler = async ({ fulfilment }) => {
      if (!fixed) throw new Error(`CRM rejected ${fulfilment.subjectId}`);
      return 'posted';
    };
    await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'crm_webhook', subjectId: user.id, payload: {} }));
    await startTestWorker({ handlers: { crm_webhook: broken } });

    const dead = await waitForStatus('crm_webhook', user.id, ['dead', 'succeeded']);
    expect(dead).toMatchObject({ status: 'dead', attempts: DEFAULT_MAX_ATTEMPTS, lastError: `CRM rejected ${user.id}` });
    const detail = await getFulfilmentWithAttempts(dead.id);
    expect(detail!.attemptLog.map((a) => a.outcome)).toEqual(Array(DEFAULT_MAX_ATTEMPTS).fill('failed'));
    await waitForNoJobs(dead.id);
    expect(await listFulfilments({ status: 'dead', subjectIds: [user.id], limit: 5 })).toHaveLength(1);

    fixed = true;
    expect(await retryFulfilment(dead.id)).toEqual({ retried: true, status: 'queued' });
    expect(await retryFulfilment(dead.id)).toMatchObject({ retried: false });
    const revived = await waitForStatus('crm_webhook', user.id, ['succeeded']);
    expect(revived).toMatchObject({ attempts: DEFAULT_MAX_ATTEMPTS + 1, maxAttempts: DEFAULT_MAX_ATTEMPTS * 2, result: 'posted' });
    expect(await retryFulfilment(dead.id)).toEqual({ retried: false, status: 'succeeded' });
    expect(await retryFulfilment('ful_unknown')).toBeNull();
  });

  it('lets an operator pull a failed fulfilment forward without a second job', async () => {
    const user = await createUser();
    let calls = 0;
    const failsOnce: FulfilmentHandler = async () => {
      calls += 1;
      if (calls === 1) throw new Error('try later');
      return 'done';
    };
    await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'dunning_email', subjectId: user.id, payload: {} }));
    // A long backoff: only the operator's retry brings the second attempt forward.
    await startTestWorker({ handlers: { dunning_email: failsOnce }, backoff: () => 3600 });

    const failed = await waitForStatus('dunning_email', user.id, ['failed']);
    expect(failed.runAfter.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    await stopTestWorkers();
    const [waiting] = await waitingJobsFor(failed.id);

    expect(await retryFulfilment(failed.id)).toEqual({ retried: true, status: 'queued' });
    expect(await retryFulfilment(failed.id)).toEqual({ retried: false, status: 'queued' });
    // The waiting job was moved to now, not joined by a second one.
    expect(await waitingJobsFor(failed.id)).toEqual([waiting]);
    await startTestWorker({ handlers: { dunning_email: failsOnce } });
    const done = await waitForStatus('dunning_email', user.id, ['succeeded']);
    expect(done.attempts).toBe(2);
    expect(calls).toBe(2);
  });
});

describe('several workers', () => {
  it('runs each of 20 jobs exactly once with two workers racing', async () => {
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    const calls = new Map<string, number>();
    const counting: FulfilmentHandler = async ({ fulfilment }) => {
      calls.set(fulfilment.subjectId, (calls.get(fulfilment.subjectId) ?? 0) + 1);
      return 'counted';
    };
    await startTestWorker({ concurrency: 4, handlers: { provision_workspace: counting } });
    await startTestWorker({ concurrency: 4, handlers: { provision_workspace: counting } });
    await Promise.all(users.map((u) => db().transaction((tx) => enqueueFulfilment(tx, { kind: 'provision_workspace', subjectId: u.id, payload: {} }))));

    for (const u of users) await waitForStatus('provision_workspace', u.id, ['succeeded']);
    const rows = await listFulfilments({ subjectIds: users.map((u) => u.id), limit: 50 });
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
    expect(users.map((u) => calls.get(u.id))).toEqual(Array(20).fill(1));
  });

  it('finishes a job exactly once after its worker is killed in the middle of it', async () => {
    const user = await createUser();
    await db().transaction((tx) => enqueueFulfilment(tx, { kind: 'provision_workspace', subjectId: user.id, payload: {} }));

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/blocking-worker.ts'], {
      env: { ...process.env, LOCK_TIMEOUT_MS: String(TEST_LOCK_TIMEOUT_MS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('BLOCKED') && resolve());
      child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await exited;

    // Killed after the effect but before the job was recorded as done.
    const stuck = await fulfilmentFor('provision_workspace', user.id);
    expect(stuck).toMatchObject({ status: 'running', attempts: 1 });
    expect(await db().select().from(workspaces).where(eq(workspaces.userId, user.id))).toHaveLength(1);

    await startTestWorker();
    const done = await waitForStatus('provision_workspace', user.id, ['succeeded', 'dead']);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, result: 'workspace already existed' });
    const detail = await getFulfilmentWithAttempts(done.id);
    expect(detail!.attemptLog.map((a) => a.outcome)).toEqual(['interrupted', 'succeeded']);
    expect(await db().select().from(workspaces).where(eq(workspaces.userId, user.id))).toHaveLength(1);
    await waitForNoJobs(done.id);
  });
});
