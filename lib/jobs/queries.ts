// What operators read and do: fulfilments by state or subject, one with its attempts, and a retry.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { fulfilmentAttempts, fulfilments, type Fulfilment, type FulfilmentAttempt } from '@/db/schema';
import { DEFAULT_MAX_ATTEMPTS } from './enqueue';
import type { FulfilmentStatus } from './kinds';
import { addFulfilmentJob } from './queue';

export type { Fulfilment, FulfilmentAttempt } from '@/db/schema';
export type { FulfilmentStatus } from './kinds';

/** Newest first; filter by status and/or by the subjects they concern (payment, subscription, user ids). */
export async function listFulfilments(
  filter: { status?: FulfilmentStatus | FulfilmentStatus[]; subjectIds?: string[]; limit: number },
  db: Executor = getDb(),
): Promise<Fulfilment[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(inArray(fulfilments.status, Array.isArray(filter.status) ? filter.status : [filter.status]));
  if (filter.subjectIds) {
    if (filter.subjectIds.length === 0) return [];
    where.push(inArray(fulfilments.subjectId, filter.subjectIds));
  }
  return db
    .select()
    .from(fulfilments)
    .where(and(...where))
    .orderBy(desc(fulfilments.createdAt), desc(fulfilments.id))
    .limit(filter.limit);
}

export async function getFulfilmentWithAttempts(
  id: string,
  db: Executor = getDb(),
): Promise<(Fulfilment & { attemptLog: FulfilmentAttempt[] }) | null> {
  const [fulfilment] = await db.select().from(fulfilments).where(eq(fulfilments.id, id));
  if (!fulfilment) return null;
  const attemptLog = await db.select().from(fulfilmentAttempts).where(eq(fulfilmentAttempts.fulfilmentId, id)).orderBy(asc(fulfilmentAttempts.attempt));
  return { ...fulfilment, attemptLog };
}

export type RetryResult = { retried: boolean; status: FulfilmentStatus } | null;

/**
 * Runs a `failed` fulfilment now, or gives a `dead` one DEFAULT_MAX_ATTEMPTS more attempts.
 * Idempotent: other states (including one already re-queued) are left alone. Null when unknown.
 */
export async function retryFulfilment(id: string, db: Executor = getDb()): Promise<RetryResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(fulfilments).where(eq(fulfilments.id, id)).for('update');
    if (!row) return null;
    if (row.status !== 'failed' && row.status !== 'dead') return { retried: false, status: row.status };
    await tx
      .update(fulfilments)
      .set({
        status: 'queued',
        runAfter: sql`now()`,
        maxAttempts: row.status === 'dead' ? row.attempts + DEFAULT_MAX_ATTEMPTS : row.maxAttempts,
        completedAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(fulfilments.id, id));
    // Moves the waiting job (failed) to now, or adds a new one (dead: its job is gone).
    await addFulfilmentJob(tx, id);
    return { retried: true, status: 'queued' };
  });
}
