import 'server-only';
// Every webhook delivery, as it arrived: the route calls handleTracedDodoWebhook, which runs the
// billing handler unchanged and then records (and logs) the delivery for the operator's timeline;
// deliveries refused for their signature are counted, and only sampled as rows.
import { getDb } from '@/db';
import { errorReason } from '@/db/errors';
import { sql, type SQL } from 'drizzle-orm';
import { webhookDeliveries, webhookRejections } from '@/db/schema';
import { handleDodoWebhook, type DescribedEvent, type WebhookResponse, type WebhookTrace } from '@/lib/billing/webhooks';
import { MalformedPayloadError, parseWebhookPayload } from '@/lib/billing/webhook-payload';
import { log, traceIdsOf, type TraceIds } from '@/lib/log';

type DeliveryRecord = typeof webhookDeliveries.$inferInsert;

/** The event type, object id and thread ids of a body that passed verification (when the handler threw). */
function describeVerified(rawBody: string): { eventType?: string; objectId?: string; ids: TraceIds } {
  try {
    const { envelope, event, objectId } = parseWebhookPayload(JSON.parse(rawBody));
    return { eventType: envelope.type, objectId: objectId ?? undefined, ids: traceIdsOf(event.object) };
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof MalformedPayloadError) return { ids: {} };
    throw err;
  }
}

function logDelivery(delivery: DeliveryRecord, ids: TraceIds) {
  const level = delivery.result === 'failed' ? 'error' : delivery.result === 'rejected' ? 'warn' : 'info';
  log[level](
    {
      ...ids,
      webhookId: delivery.webhookId ?? undefined,
      eventType: delivery.eventType,
      signature: delivery.signature,
      statusCode: delivery.statusCode,
      result: delivery.result,
      outcome: delivery.outcome ?? undefined,
      error: delivery.error ?? undefined,
      durationMs: delivery.durationMs,
    },
    'webhook delivery',
  );
}

async function record(delivery: DeliveryRecord, ids: TraceIds) {
  logDelivery(delivery, ids);
  try {
    await getDb().insert(webhookDeliveries).values(delivery);
  } catch (err) {
    // The trace must never change what Dodo is answered.
    log.warn({ webhookId: delivery.webhookId ?? undefined, error: errorReason(err) }, 'could not record a webhook delivery');
  }
}

/** Signature rejections kept as rows per hour and reason; past that they are only counted. */
export const REJECTION_SAMPLES_PER_HOUR = 10;

/**
 * Anyone can send unsigned deliveries, so each one may not cost a row: it is counted in
 * `webhook_rejections` (hour, reason), and only the first few of each hour and reason are recorded.
 */
async function recordRejection(delivery: DeliveryRecord) {
  const reason = (delivery.error || 'rejected').slice(0, 200);
  let count: number;
  try {
    const [row] = await getDb()
      .insert(webhookRejections)
      .values({ hour: sql`date_trunc('hour', now())`, reason, count: 1 })
      .onConflictDoUpdate({ target: [webhookRejections.hour, webhookRejections.reason], set: { count: sql`${webhookRejections.count} + 1` } })
      .returning({ count: webhookRejections.count });
    count = row.count;
  } catch (err) {
    log.warn({ error: errorReason(err) }, 'could not count a rejected webhook delivery');
    return;
  }
  if (count <= REJECTION_SAMPLES_PER_HOUR) await record(delivery, {});
}

/** A delivery row as an insert to embed in one of the handler's statements; with `from`, one row per row of that relation. */
function deliveryInsert(r: DeliveryRecord, from?: SQL): SQL {
  const values = sql`${r.webhookId}, ${r.signature}, ${r.statusCode}, ${r.result}, ${r.outcome ?? null}, ${r.eventType ?? null}, ${r.objectId ?? null}, ${r.durationMs}`;
  return sql`insert into ${webhookDeliveries} (webhook_id, signature, status_code, result, outcome, event_type, object_id, duration_ms)
    ${from ? sql`select ${values} from ${from}` : sql`values (${values})`}`;
}

/** `handleDodoWebhook`, plus one `webhook_deliveries` row and one log line per delivery (sampled when unsigned). Throws what it throws. */
export async function handleTracedDodoWebhook(rawBody: string, headers: Record<string, string>): Promise<WebhookResponse> {
  const started = performance.now();
  const webhookId = headers['webhook-id']?.slice(0, 200) || null;
  const elapsed = () => Math.round(performance.now() - started);
  let response: WebhookResponse;
  // The row of an applied event or of a duplicate is written by the handler's own statements (no round
  // trip or commit of its own); `written` is what the log line then says. Should the event's transaction
  // fail, its row goes with it and the failure is recorded below.
  let written: DeliveryRecord | undefined;
  const row = (event: DescribedEvent, result: 'applied' | 'duplicate', outcome: string | null): DeliveryRecord =>
    (written = { webhookId, signature: 'valid', statusCode: 200, result, outcome, eventType: event.type, objectId: event.objectId ?? undefined, error: null, durationMs: elapsed() });
  const trace: WebhookTrace = {
    applied: ({ event, outcome }) => deliveryInsert(row(event, 'applied', outcome)),
    duplicate: (from, event) => deliveryInsert(row(event, 'duplicate', null), from),
  };
  try {
    response = await handleDodoWebhook(rawBody, headers, trace);
  } catch (err) {
    const described = describeVerified(rawBody);
    await record(
      { webhookId, signature: 'valid', statusCode: 503, result: 'failed', eventType: described.eventType, objectId: described.objectId, error: errorReason(err), durationMs: elapsed() },
      described.ids,
    );
    throw err;
  }
  const { status, body } = response;
  if (status === 401) {
    await recordRejection({ webhookId, signature: 'invalid', statusCode: status, result: 'rejected', error: String(body.error ?? ''), durationMs: elapsed() });
    return response;
  }
  // One log line and one row per delivery: the handler tells what it parsed, nothing is parsed twice.
  const described = response.event
    ? { eventType: response.event.type, objectId: response.event.objectId ?? undefined, ids: traceIdsOf(response.event.object) }
    : { ids: {} as TraceIds };
  if (response.traced && written) {
    logDelivery(written, described.ids);
    return response;
  }
  await record(
    {
      webhookId,
      signature: 'valid',
      statusCode: status,
      result: status >= 500 ? 'failed' : status >= 400 ? 'rejected' : body.duplicate ? 'duplicate' : 'applied',
      outcome: typeof body.outcome === 'string' ? body.outcome : null,
      eventType: described.eventType,
      objectId: described.objectId,
      error: status >= 400 ? String(body.error ?? '') : null,
      durationMs: elapsed(),
    },
    described.ids,
  );
  return response;
}
