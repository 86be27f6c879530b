// Reconciliation: compares Dodo's recent payments, subscriptions, refunds and licence keys with ours
// and applies what the webhooks missed through the webhook's own code path (applyWebhookEvent on a
// synthetic envelope, in one transaction), recording every repair.
//
// "Missed" means: Dodo has the object and we have not stored it, or we store it in another state
// (status; for subscriptions also product, next billing date and cancel-at-period-end). A repair is
// applied as an event dated just before Dodo was asked, so a real webhook newer than that still
// wins, and an older one arriving late is `stale` and changes nothing.
import { eq, inArray, sql } from 'drizzle-orm';
import type DodoPayments from 'dodopayments';
import { getDb, type Executor, type Tx } from '@/db';
import { errorReason } from '@/db/errors';
import {
  licenseKeys,
  payments,
  RECONCILED_OBJECT_KINDS,
  reconciliationRepairs,
  reconciliationRuns,
  refunds,
  subscriptions,
  type MissedReason,
  type ReconciledObjectKind,
} from '@/db/schema';
import { applyWebhookEvent } from '@/lib/billing/apply-event';
import { parseWebhookPayload } from '@/lib/billing/webhook-payload';
import { getDodo } from '@/lib/dodo/client';
import { log, traceIdsOf } from '@/lib/log';
import { labelOf } from '@/lib/labels';

export const OBJECT_KINDS = RECONCILED_OBJECT_KINDS;
export type ObjectKind = ReconciledObjectKind;
export type { MissedReason };
export type DodoObject = Record<string, unknown>;

const PAYLOAD_TYPE: Record<ObjectKind, string> = { payment: 'Payment', subscription: 'Subscription', refund: 'Refund', license_key: 'LicenseKey' };
const ID_FIELD: Record<ObjectKind, string> = { payment: 'payment_id', subscription: 'subscription_id', refund: 'refund_id', license_key: 'id' };

/** What we store of an object, in the shape compared with Dodo's. */
export type StoredState = {
  status: string;
  productId?: string;
  nextBillingDate?: Date | null;
  cancelAtPeriodEnd?: boolean;
};

export type RepairSummary = { objectType: ObjectKind; objectId: string; reason: MissedReason; outcome: string; error?: string };

export type ReconciliationResult = {
  runId: string;
  status: 'succeeded' | 'failed';
  checked: Record<string, number>;
  repaired: number;
  errors: number;
  repairs: RepairSummary[];
};

export type ReconciliationOptions = {
  /** `scheduled` (the worker), `manual` (the /admin button). */
  trigger?: 'scheduled' | 'manual';
  /** The operator who pressed the button. */
  actor?: string | null;
  /** How far back to list (by Dodo's created_at). Dodo retries a webhook for ~28 h; 3 days covers that. */
  lookbackHours?: number;
  pageSize?: number;
  /** Pages per kind at most (page_number starts at 0). */
  maxPages?: number;
};

export function objectIdOf(kind: ObjectKind, object: DodoObject): string {
  return String(object[ID_FIELD[kind]]);
}

function dodoStatus(kind: ObjectKind, object: DodoObject): string {
  // A payment without a status is processing, as the webhook path stores it.
  return String(object.status ?? (kind === 'payment' ? 'processing' : ''));
}

/** Why Dodo's object counts as missed by our webhooks, or null when we already store its state. */
export function missedReason(kind: ObjectKind, object: DodoObject, stored: StoredState | undefined): MissedReason | null {
  if (!stored) return 'not_stored';
  if (stored.status !== dodoStatus(kind, object)) return 'state_differs';
  if (kind === 'subscription') {
    const next = typeof object.next_billing_date === 'string' ? Date.parse(object.next_billing_date) : null;
    if (stored.productId !== object.product_id) return 'state_differs';
    if (Boolean(stored.cancelAtPeriodEnd) !== Boolean(object.cancel_at_next_billing_date)) return 'state_differs';
    if ((stored.nextBillingDate?.getTime() ?? null) !== next) return 'state_differs';
  }
  return null;
}

/** Our stored state of these objects, by id. */
export async function loadStoredStates(kind: ObjectKind, ids: string[], db: Executor = getDb()): Promise<Map<string, StoredState>> {
  if (ids.length === 0) return new Map();
  switch (kind) {
    case 'payment': {
      const rows = await db.select({ id: payments.id, status: payments.status }).from(payments).where(inArray(payments.id, ids));
      return new Map(rows.map((r) => [r.id, { status: r.status }]));
    }
    case 'subscription': {
      const rows = await db
        .select({
          id: subscriptions.id,
          status: subscriptions.status,
          productId: subscriptions.dodoProductId,
          nextBillingDate: subscriptions.nextBillingDate,
          cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
        })
        .from(subscriptions)
        .where(inArray(subscriptions.id, ids));
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    }
    case 'refund': {
      const rows = await db.select({ id: refunds.id, status: refunds.status }).from(refunds).where(inArray(refunds.id, ids));
      return new Map(rows.map((r) => [r.id, { status: r.status }]));
    }
    case 'license_key': {
      const rows = await db.select({ id: licenseKeys.id, status: licenseKeys.status }).from(licenseKeys).where(inArray(licenseKeys.id, ids));
      return new Map(rows.map((r) => [r.id, { status: r.status }]));
    }
  }
}

/** One page of Dodo's list for a kind, newest first. */
async function listPage(dodo: DodoPayments, kind: ObjectKind, query: { page_number: number; page_size: number; created_at_gte: string }): Promise<DodoObject[]> {
  switch (kind) {
    case 'payment':
      return (await dodo.payments.list(query)).items as unknown as DodoObject[];
    case 'subscription':
      return (await dodo.subscriptions.list(query)).items as unknown as DodoObject[];
    case 'refund':
      return (await dodo.refunds.list(query)).items as unknown as DodoObject[];
    case 'license_key':
      return (await dodo.licenseKeys.list(query)).items as unknown as DodoObject[];
  }
}

/** The full object, as a webhook would carry it (list items are summaries). */
export async function retrieveFromDodo(dodo: DodoPayments, kind: ObjectKind, id: string): Promise<DodoObject> {
  switch (kind) {
    case 'payment':
      return (await dodo.payments.retrieve(id)) as unknown as DodoObject;
    case 'subscription':
      return (await dodo.subscriptions.retrieve(id)) as unknown as DodoObject;
    case 'refund':
      return (await dodo.refunds.retrieve(id)) as unknown as DodoObject;
    case 'license_key':
      return (await dodo.licenseKeys.retrieve(id)) as unknown as DodoObject;
  }
}

/** The synthetic event a repair applies: the same envelope a webhook carries, dated `eventAt`. */
export function syntheticEnvelope(kind: ObjectKind, object: DodoObject, eventAt: Date) {
  const type = kind === 'license_key' ? 'license_key.created' : `${kind}.${dodoStatus(kind, object) || 'updated'}`;
  return {
    business_id: String(object.business_id ?? 'reconciliation'),
    type,
    timestamp: eventAt.toISOString(),
    data: { ...object, payload_type: PAYLOAD_TYPE[kind] },
  };
}

function summaryOf(kind: ObjectKind, object: DodoObject): Record<string, unknown> {
  const after: Record<string, unknown> = { status: dodoStatus(kind, object) };
  if (kind === 'subscription') {
    after.product_id = object.product_id;
    after.next_billing_date = object.next_billing_date ?? null;
    after.cancel_at_next_billing_date = object.cancel_at_next_billing_date ?? false;
  }
  if (kind === 'payment' || kind === 'refund') after.amount = object.total_amount ?? object.amount ?? null;
  return after;
}

function storedSummary(state: StoredState | undefined): Record<string, unknown> | null {
  if (!state) return null;
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

async function threadIdsOf(tx: Tx, kind: ObjectKind, object: DodoObject) {
  const ids = traceIdsOf(object);
  let paymentId = kind === 'payment' || kind === 'refund' || kind === 'license_key' ? (ids.paymentId ?? null) : null;
  const subscriptionId = ids.subscriptionId ?? (typeof object.subscription_id === 'string' ? object.subscription_id : null);
  let orderId = ids.orderId ?? null;
  if (kind === 'license_key' && typeof object.payment_id === 'string') paymentId = object.payment_id;
  if (!orderId && paymentId) {
    const [row] = await tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.id, paymentId));
    orderId = row?.orderId ?? null;
  }
  return { paymentId, subscriptionId, orderId };
}

type RepairInput = {
  runId: string;
  kind: ObjectKind;
  object: DodoObject;
  eventAt: Date;
  webhookId?: string | null;
  db?: ReturnType<typeof getDb>;
};

/**
 * Applies Dodo's object if it is still missed, in one transaction with its repair row. Null when
 * there was nothing to repair (in sync, or our state is newer than `eventAt`).
 */
export async function repairObject(input: RepairInput): Promise<RepairSummary | null> {
  const { runId, kind, object, eventAt } = input;
  const objectId = objectIdOf(kind, object);
  const { event } = parseWebhookPayload(syntheticEnvelope(kind, object, eventAt));
  return (input.db ?? getDb()).transaction(async (tx) => {
    // Two runs repairing one object take turns here; the second then finds it in sync.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`reconcile:${objectId}`}))`);
    const stored = (await loadStoredStates(kind, [objectId], tx)).get(objectId);
    const reason = missedReason(kind, object, stored);
    if (!reason) return null;
    const outcome = await applyWebhookEvent(tx, event, eventAt);
    if (outcome === 'stale') return null;
    const ids = await threadIdsOf(tx, kind, object);
    await tx.insert(reconciliationRepairs).values({
      runId,
      objectType: kind,
      objectId,
      ...ids,
      webhookId: input.webhookId ?? null,
      reason,
      eventType: syntheticEnvelope(kind, object, eventAt).type,
      before: storedSummary(stored),
      after: summaryOf(kind, object),
      outcome,
    });
    log.info({ runId, ...ids, objectType: kind, objectId, reason, outcome, webhookId: input.webhookId ?? undefined }, 'reconciliation repaired an object');
    return { objectType: kind, objectId, reason, outcome };
  });
}

async function recordFailedRepair(runId: string, kind: ObjectKind, objectId: string, err: unknown): Promise<RepairSummary> {
  const message = errorReason(err, 500);
  await getDb()
    .insert(reconciliationRepairs)
    .values({
      runId,
      objectType: kind,
      objectId,
      paymentId: kind === 'payment' ? objectId : null,
      subscriptionId: kind === 'subscription' ? objectId : null,
      reason: 'not_stored',
      eventType: `${kind}.unknown`,
      after: {},
      outcome: 'error',
      error: message,
    });
  log.warn({ runId, objectType: kind, objectId, error: message }, 'reconciliation could not repair an object');
  return { objectType: kind, objectId, reason: 'not_stored', outcome: 'error', error: message };
}

async function finishRun(runId: string, result: Omit<ReconciliationResult, 'runId' | 'repairs'>, error: string | null) {
  await getDb()
    .update(reconciliationRuns)
    .set({ status: result.status, checked: result.checked, repaired: result.repaired, errors: result.errors, error, finishedAt: sql`now()` })
    .where(eq(reconciliationRuns.id, runId));
}

/**
 * One reconciliation run over Dodo's recent objects. Safe to run on several workers at once and as
 * often as you like: each repair is idempotent and takes a per-object lock. Schedule it every 15 min.
 */
export async function runReconciliation(options: ReconciliationOptions = {}): Promise<ReconciliationResult> {
  const { trigger = 'scheduled', actor = null, lookbackHours = 72, pageSize = 100, maxPages = 20 } = options;
  const dodo = getDodo();
  const db = getDb();
  const [run] = await db.insert(reconciliationRuns).values({ trigger, actor }).returning({ id: reconciliationRuns.id });
  const runId = run.id;
  log.info({ runId, trigger, actor }, 'reconciliation started');

  const checked: Record<string, number> = {};
  const repairs: RepairSummary[] = [];
  let fatal: string | null = null;
  try {
    // Payments first: refunds and licence keys find their payment's owner through the stored payment.
    for (const kind of OBJECT_KINDS) {
      const since = new Date(Date.now() - lookbackHours * 3_600_000).toISOString();
      const listed: DodoObject[] = [];
      for (let page = 0; page < maxPages; page++) {
        const items = await listPage(dodo, kind, { page_number: page, page_size: pageSize, created_at_gte: since });
        listed.push(...items);
        if (items.length < pageSize) break;
      }
      checked[`${kind}s`] = listed.length;
      const stored = await loadStoredStates(kind, listed.map((o) => objectIdOf(kind, o)), db);
      for (const summary of listed) {
        const objectId = objectIdOf(kind, summary);
        if (!missedReason(kind, summary, stored.get(objectId))) continue;
        try {
          const eventAt = new Date();
          const object = await retrieveFromDodo(dodo, kind, objectId);
          const repair = await repairObject({ runId, kind, object, eventAt });
          if (repair) repairs.push(repair);
        } catch (err) {
          repairs.push(await recordFailedRepair(runId, kind, objectId, err));
        }
      }
    }
  } catch (err) {
    fatal = errorReason(err, 500);
    log.error({ runId, error: fatal }, 'reconciliation failed');
  }
  const errors = repairs.filter((r) => r.outcome === 'error').length;
  const result = {
    status: fatal || errors ? ('failed' as const) : ('succeeded' as const),
    checked,
    repaired: repairs.length - errors,
    errors,
  };
  await finishRun(runId, result, fatal);
  log.info({ runId, ...result }, 'reconciliation finished');
  return { runId, ...result, repairs };
}

export type RetryResult = { runId: string; repair: RepairSummary | null; message: string };

/**
 * Heals one object now (a timeline's or failed webhook's Retry): fetches it from Dodo and applies it
 * like a reconciliation run would, recorded as a run with trigger `retry`.
 */
export async function repairFromDodo(input: { kind: ObjectKind; id: string; actor?: string | null; webhookId?: string | null }): Promise<RetryResult> {
  const db = getDb();
  const [run] = await db.insert(reconciliationRuns).values({ trigger: 'retry', actor: input.actor ?? null }).returning({ id: reconciliationRuns.id });
  const runId = run.id;
  let repair: RepairSummary | null;
  try {
    const eventAt = new Date();
    const object = await retrieveFromDodo(getDodo(), input.kind, input.id);
    repair = await repairObject({ runId, kind: input.kind, object, eventAt, webhookId: input.webhookId });
  } catch (err) {
    repair = await recordFailedRepair(runId, input.kind, input.id, err);
  }
  const failed = repair?.outcome === 'error';
  await finishRun(runId, { status: failed ? 'failed' : 'succeeded', checked: { [`${input.kind}s`]: 1 }, repaired: repair && !failed ? 1 : 0, errors: failed ? 1 : 0 }, null);
  const message = !repair
    ? `${input.id} already matches Dodo: nothing to repair.`
    : failed
      ? `Could not repair ${input.id}: ${repair.error}`
      : `Applied Dodo's ${labelOf(input.kind)} ${input.id} (${repair.outcome}).`;
  return { runId, repair, message };
}

/** The newest runs, for the console. */
export async function listReconciliationRuns(limit = 10) {
  return getDb().select().from(reconciliationRuns).orderBy(sql`${reconciliationRuns.startedAt} desc`).limit(limit);
}

/** The kind of object an event type concerns, when reconciliation can fetch it from Dodo. */
export function objectKindOfEvent(eventType: string | null): ObjectKind | null {
  const prefix = eventType?.split('.')[0];
  return (OBJECT_KINDS as readonly string[]).includes(prefix ?? '') ? (prefix as ObjectKind) : null;
}
