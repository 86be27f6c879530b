import 'server-only';
// The operator's lists of webhook deliveries that went wrong, read from the delivery trace.
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { payments, subscriptions, webhookDeliveries, webhookEvents, webhookRejections } from '@/db/schema';

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

/** Deliveries refused for their signature, per reason, over the last `sinceHours` (all of them, not only the sampled rows). */
export async function countSignatureRejections(sinceHours = 24): Promise<{ reason: string; count: number }[]> {
  return getDb()
    .select({ reason: webhookRejections.reason, count: sql<number>`sum(${webhookRejections.count})::int` })
    .from(webhookRejections)
    .where(gte(webhookRejections.hour, sql`date_trunc('hour', now()) - make_interval(hours => ${sinceHours})`))
    .groupBy(webhookRejections.reason)
    .orderBy(desc(sql`sum(${webhookRejections.count})`));
}

export type UnattributedEvent = { webhookId: string; type: string; objectId: string | null; receivedAt: Date; customerEmail: string | null };

/**
 * Events we stored but could not tie to a user through our order or user id (and that no later event
 * attributed): they granted nothing, and an operator decides what they were (a refund may be due).
 */
export async function listUnattributedEvents(limit = 50): Promise<UnattributedEvent[]> {
  return getDb()
    .select({
      webhookId: webhookEvents.webhookId,
      type: webhookEvents.type,
      objectId: webhookEvents.objectId,
      receivedAt: webhookEvents.receivedAt,
      customerEmail: sql<string | null>`${webhookEvents.payload} #>> '{data,customer,email}'`,
    })
    .from(webhookEvents)
    .leftJoin(payments, eq(payments.id, webhookEvents.objectId))
    .leftJoin(subscriptions, eq(subscriptions.id, webhookEvents.objectId))
    .where(and(eq(webhookEvents.outcome, 'unmatched'), isNull(payments.userId), isNull(subscriptions.userId)))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(limit);
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
