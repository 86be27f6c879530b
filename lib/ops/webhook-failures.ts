import 'server-only';
// The operator's lists of webhook deliveries that went wrong, read from the delivery trace.
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { webhookDeliveries, webhookEvents } from '@/db/schema';

export type FailedWebhook = {
  webhookId: string | null;
  eventType: string | null;
  objectId: string | null;
  statusCode: number;
  error: string | null;
  attempts: number;
  lastAt: Date;
};

/**
 * Deliveries we answered 5xx (Dodo retries them) whose event never made it into the inbox since:
 * the failed webhooks an operator may retry from Dodo's current state.
 */
export async function listFailedWebhooks(limit = 50, sinceDays = 14): Promise<FailedWebhook[]> {
  const since = new Date(Date.now() - sinceDays * 86_400_000);
  const rows = await getDb()
    .select({
      webhookId: webhookDeliveries.webhookId,
      eventType: sql<string | null>`max(${webhookDeliveries.eventType})`,
      objectId: sql<string | null>`max(${webhookDeliveries.objectId})`,
      statusCode: sql<number>`max(${webhookDeliveries.statusCode})`,
      error: sql<string | null>`max(${webhookDeliveries.error})`,
      attempts: sql<number>`count(*)::int`,
      lastAt: sql<Date>`max(${webhookDeliveries.receivedAt})`,
    })
    .from(webhookDeliveries)
    .leftJoin(webhookEvents, eq(webhookEvents.webhookId, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.result, 'failed'), isNull(webhookEvents.webhookId), gte(webhookDeliveries.receivedAt, since)))
    .groupBy(webhookDeliveries.webhookId)
    .orderBy(desc(sql`max(${webhookDeliveries.receivedAt})`))
    .limit(limit);
  return rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt) }));
}

/** Rejected deliveries (bad signature, unreadable payload): not retryable, shown so an operator sees them. */
export async function listRejectedWebhooks(limit = 20, sinceDays = 14) {
  const since = new Date(Date.now() - sinceDays * 86_400_000);
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.result, 'rejected'), gte(webhookDeliveries.receivedAt, since)))
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(limit);
}
