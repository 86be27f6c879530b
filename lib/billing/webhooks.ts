import 'server-only';
// POST /api/webhooks/dodo: verify, record once, apply — the inbox row and its effects commit together.
import { sql, type SQL } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { getDb, sentTogether, type Tx } from '@/db';
import { webhookEvents } from '@/db/schema';
import { env } from '@/lib/env';
import { applyWebhookEvent, purchaseLock, readOwner } from './apply-event';
import { MalformedPayloadError, parseWebhookPayload } from './webhook-payload';

/** The HTTP answer, and for a verified, well-formed payload what it was (so the caller need not parse it again). */
export type WebhookResponse = {
  status: number;
  body: Record<string, unknown>;
  event?: { type: string; objectId: string | null; object: Record<string, unknown> };
  /** The caller's trace row was written by this handler's own statements (see `WebhookTrace`). */
  traced?: boolean;
};

let verifiers: { secrets: string; webhooks: Webhook[] } | undefined;
function getVerifiers() {
  const secrets = env().DODO_PAYMENTS_WEBHOOK_KEY;
  if (verifiers?.secrets !== secrets) verifiers = { secrets, webhooks: secrets.split(',').map((secret) => new Webhook(secret.trim())) };
  return verifiers.webhooks;
}

/**
 * Verifies the signature over the raw body with each configured secret (a key rotation overlaps);
 * throws WebhookVerificationError when none matches, or SyntaxError (signed, but not JSON).
 */
export function verifyWebhook(rawBody: string, headers: Record<string, string>): unknown {
  let failure: unknown;
  for (const webhook of getVerifiers()) {
    try {
      return webhook.verify(rawBody, headers);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      failure = err;
    }
  }
  throw failure;
}

export type DescribedEvent = NonNullable<WebhookResponse['event']>;

/**
 * A caller's record of the delivery (the operator's trace): inserts the handler runs inside its own
 * statements, so the trace costs no statement, round trip or commit of its own:
 * - `applied`: runs in the statement that stores an applied event's outcome, and commits with it;
 * - `duplicate`: selects its row `from` the given relation, which holds a row only when the event is
 *   already in the inbox; it runs in the duplicate check's statement.
 */
export type WebhookTrace = {
  applied: (applied: { event: DescribedEvent; outcome: string }) => SQL;
  duplicate: (from: SQL, event: DescribedEvent) => SQL;
};

export async function handleDodoWebhook(rawBody: string, headers: Record<string, string>, trace?: WebhookTrace): Promise<WebhookResponse> {
  let body: unknown;
  try {
    body = verifyWebhook(rawBody, headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError) return { status: 401, body: { error: `invalid signature: ${err.message}` } };
    return { status: 400, body: { error: 'body is not valid JSON' } };
  }

  let parsed: ReturnType<typeof parseWebhookPayload>;
  try {
    parsed = parseWebhookPayload(body);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return { status: 400, body: { error: `malformed payload: ${err.message}` } };
    throw err;
  }

  const webhookId = headers['webhook-id'];
  const { envelope, event, objectId } = parsed;
  const described = { type: envelope.type, objectId, object: event.object };
  const db = getDb();
  // Fast path for retries and replays: one indexed read, no transaction.
  const inInbox = sql`select 1 from ${webhookEvents} where ${webhookEvents.webhookId} = ${webhookId}`;
  const [{ seen }] = await db.execute<{ seen: boolean }>(
    trace
      ? sql`with seen as (${inInbox}), traced as (${trace.duplicate(sql`seen`, described)}) select exists (select 1 from seen) as seen`
      : sql`select exists (${inInbox}) as seen`,
  );
  if (seen) return { status: 200, body: { received: true, duplicate: true }, event: described, traced: Boolean(trace) };

  const eventAt = new Date(envelope.timestamp);
  const result = await db.transaction(async (tx) => {
    // The inbox insert is the gate: concurrent deliveries of one id wait here, and all but one find it
    // taken. Its statement takes the purchase lock too, and the owner is read beside it: one round trip
    // (no webhook writes the owner's rows, so reading them before the lock is the same).
    const [owner, claimed] = await sentTogether([
      readOwner(tx, event),
      // Last: postgres.js writes out at once a message of 1 kB or more (the payload is), taking the smaller
      // statements queued before it along in the same write.
      claimEvent(tx, { webhookId, type: envelope.type, eventAt, objectId, payload: envelope }, purchaseLock(event)),
    ]);
    if (!claimed) return { duplicate: true as const };
    const { outcome, resolvedFromDodo } = await applyWebhookEvent(tx, event, eventAt, 'event', {
      locked: true,
      owner,
      record: (applied) =>
        tx.execute(sql`
          with recorded as (
            update ${webhookEvents} set outcome = ${applied.outcome}, resolved_from_dodo = ${applied.resolvedFromDodo}
            where ${webhookEvents.webhookId} = ${webhookId}
          )
          ${trace ? trace.applied({ event: described, outcome: applied.outcome }) : sql`select 1`}`),
    });
    return { duplicate: false as const, outcome, resolvedFromDodo };
  });
  return { status: 200, body: { received: true, ...result }, event: described, traced: Boolean(trace) && !result.duplicate };
}

/** Inserts the inbox row and, only when it is new, takes `lock` (the event's purchase lock): one statement. */
async function claimEvent(
  tx: Tx,
  row: { webhookId: string; type: string; eventAt: Date; objectId: string | null; payload: unknown },
  lock: SQL | null,
): Promise<boolean> {
  const claimed = await tx.execute(sql`
    with inbox as (
      insert into ${webhookEvents} (webhook_id, type, event_at, object_id, payload, outcome)
      values (${row.webhookId}, ${row.type}, ${row.eventAt.toISOString()}::timestamptz, ${row.objectId}, ${JSON.stringify(row.payload)}::jsonb, 'pending')
      on conflict (webhook_id) do nothing
      returning webhook_id
    )
    select ${lock ?? sql`1`} from inbox`);
  return claimed.length > 0;
}
