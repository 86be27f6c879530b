// Retention: the tables that grow with traffic rather than with business are pruned daily by the worker.
// Payments, orders, the webhook inbox and operator records are never pruned here.
import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits, webhookDeliveries, webhookRejections } from '@/db/schema';
import { deleteExpiredTokens } from '@/lib/auth/tokens';
import { readEnv } from '@/lib/env';

export type Pruned = { deliveries: number; rejections: number; rateLimits: number; tokens: number };

/** Every rate limit's window is shorter than this (lib/rate-limit.ts; the retention test checks), so older counters are spent. */
export const RATE_LIMIT_COUNTERS_KEPT_MS = 86_400_000;

/** Rows deleted per statement, so a large backlog never holds one long lock on the delivery log. */
const BATCH = 5000;

/**
 * Deletes delivery-log rows and rejection counters older than `retentionDays` (RETENTION_DAYS), rate-limit
 * counters whose window has ended, and emailed links that have expired.
 */
export async function pruneOldRecords(retentionDays = readEnv(['RETENTION_DAYS']).RETENTION_DAYS, now = new Date()): Promise<Pruned> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const db = getDb();
  let deliveries = 0;
  for (;;) {
    const gone = await db.execute(sql`
      delete from ${webhookDeliveries} where seq in (select seq from ${webhookDeliveries} where ${lt(webhookDeliveries.receivedAt, cutoff)} limit ${BATCH})`);
    deliveries += gone.count;
    if (gone.count < BATCH) break;
  }
  const rejections = (await db.delete(webhookRejections).where(lt(webhookRejections.hour, cutoff)).returning({ hour: webhookRejections.hour })).length;
  const limitsBefore = new Date(now.getTime() - RATE_LIMIT_COUNTERS_KEPT_MS);
  const rateLimitRows = (await db.delete(rateLimits).where(lt(rateLimits.windowStart, limitsBefore)).returning({ key: rateLimits.key })).length;
  return { deliveries, rejections, rateLimits: rateLimitRows, tokens: await deleteExpiredTokens(now) };
}
