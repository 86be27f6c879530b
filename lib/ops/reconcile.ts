// Reconciliation: compares Dodo's objects with ours and applies what the webhooks missed through the
// webhook's own code path (applyWebhookEvent with Dodo's object as the truth), recording every repair.
//
// Each run checks Dodo's recent payments, subscriptions, refunds and licence keys (a lookback window),
// then sweeps objects of any age that grant access: our live subscriptions, Dodo's live subscriptions and
// our licence keys without an owner, a bounded slice per run, going on where the last run stopped.
// "Missed" means Dodo has the object and we have not stored it, or we store it with another owner,
// status, plan, period date or cancellation. A repair reads Dodo's object while holding the purchase's
// lock (no webhook of it commits meanwhile) and is dated with Dodo's own time for the object, so a later
// webhook still orders against it on Dodo's clock.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
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
  type ReconciliationCursor,
} from '@/db/schema';
import { applyWebhookEvent, expectedOwnerId, lockPurchase } from '@/lib/billing/apply-event';
import { dodoObjectTime, dodoStatusOf, envelopeOf, parsedEventOf, retrieveFromDodo, type DodoObject } from '@/lib/billing/dodo-objects';
import { LIVE_SUBSCRIPTION_STATUSES } from '@/lib/billing/statuses';
import { getDodo } from '@/lib/dodo/client';
import { labelOf } from '@/lib/labels';
import { log, traceIdsOf } from '@/lib/log';

export const OBJECT_KINDS = RECONCILED_OBJECT_KINDS;
export type ObjectKind = ReconciledObjectKind;
export type { DodoObject, MissedReason };

const ID_FIELD: Record<ObjectKind, string> = { payment: 'payment_id', subscription: 'subscription_id', refund: 'refund_id', license_key: 'id' };

/** What we store of an object, in the shape compared with Dodo's. */
export type StoredState = {
  status: string;
  userId?: string | null;
  productId?: string;
  nextBillingDate?: Date | null;
  cancelAtPeriodEnd?: boolean;
  cancelledAt?: Date | null;
  lastEventAt: Date;
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
  /** Objects of any age checked per run in each sweep (our live subscriptions, Dodo's, unowned keys); 0 skips the sweep. */
  sweepSize?: number;
};

export function objectIdOf(kind: ObjectKind, object: DodoObject): string {
  return String(object[ID_FIELD[kind]]);
}

const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : null);

/**
 * Why Dodo's object counts as missed by our webhooks, or null when we store its state. `owner` is who
 * should own it by our records: a stored object without an owner that one can be given counts as missed.
 */
export function missedReason(kind: ObjectKind, object: DodoObject, stored: StoredState | undefined, owner: string | null = null): MissedReason | null {
  if (!stored) return 'not_stored';
  if (stored.status !== dodoStatusOf(kind, object)) return 'state_differs';
  if (owner && stored.userId === null) return 'state_differs';
  if (kind === 'subscription') {
    if (stored.productId !== object.product_id) return 'state_differs';
    if (Boolean(stored.cancelAtPeriodEnd) !== Boolean(object.cancel_at_next_billing_date)) return 'state_differs';
    if ((stored.nextBillingDate?.getTime() ?? null) !== time(object.next_billing_date)) return 'state_differs';
    if ((stored.cancelledAt?.getTime() ?? null) !== time(object.cancelled_at)) return 'state_differs';
  }
  return null;
}

/** Our stored state of these objects, by id. */
export async function loadStoredStates(kind: ObjectKind, ids: string[], db: Executor = getDb()): Promise<Map<string, StoredState>> {
  if (ids.length === 0) return new Map();
  switch (kind) {
    case 'payment': {
      const rows = await db
        .select({ id: payments.id, status: payments.status, userId: payments.userId, lastEventAt: payments.lastEventAt })
        .from(payments)
        .where(inArray(payments.id, ids));
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    }
    case 'subscription': {
      const rows = await db
        .select({
          id: subscriptions.id,
          status: subscriptions.status,
          userId: subscriptions.userId,
          productId: subscriptions.dodoProductId,
          nextBillingDate: subscriptions.nextBillingDate,
          cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
          cancelledAt: subscriptions.cancelledAt,
          lastEventAt: subscriptions.lastEventAt,
        })
        .from(subscriptions)
        .where(inArray(subscriptions.id, ids));
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    }
    case 'refund': {
      const rows = await db.select({ id: refunds.id, status: refunds.status, lastEventAt: refunds.lastEventAt }).from(refunds).where(inArray(refunds.id, ids));
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    }
    case 'license_key': {
      const rows = await db
        .select({ id: licenseKeys.id, status: licenseKeys.status, userId: licenseKeys.userId, lastEventAt: licenseKeys.lastEventAt })
        .from(licenseKeys)
        .where(inArray(licenseKeys.id, ids));
      return new Map(rows.map(({ id, ...state }) => [id, state]));
    }
  }
}

type ListQuery = { page_number: number; page_size: number; created_at_gte?: string };

/** One page of Dodo's list for a kind, newest first. */
async function listPage(dodo: DodoPayments, kind: ObjectKind, query: ListQuery): Promise<DodoObject[]> {
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

function summaryOf(kind: ObjectKind, object: DodoObject): Record<string, unknown> {
  const after: Record<string, unknown> = { status: dodoStatusOf(kind, object) };
  if (kind === 'subscription') {
    after.product_id = object.product_id;
    after.next_billing_date = object.next_billing_date ?? null;
    after.cancel_at_next_billing_date = object.cancel_at_next_billing_date ?? false;
    after.cancelled_at = object.cancelled_at ?? null;
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

/** Whether our copy of Dodo's object (a list summary will do) is missed, owner included. */
async function isMissed(kind: ObjectKind, object: DodoObject, stored: StoredState | undefined, db: Executor) {
  const owner = stored?.userId === null ? await expectedOwnerId(db, parsedEventOf(kind, object)) : null;
  return missedReason(kind, object, stored, owner);
}

type RepairInput = { runId: string; kind: ObjectKind; id: string; webhookId?: string | null };

/**
 * Reads Dodo's object and applies it if ours is still missed, in one transaction with its repair row.
 * Null when there was nothing to repair.
 */
export async function repairObject(input: RepairInput): Promise<RepairSummary | null> {
  const { runId, kind, id } = input;
  // Read once outside to learn the purchase it belongs to, then again under that purchase's lock.
  const event = parsedEventOf(kind, await retrieveFromDodo(kind, id));
  return getDb().transaction(async (tx) => {
    // Two runs, or a run and a webhook, touching one purchase take turns here.
    await lockPurchase(tx, event);
    const object = await retrieveFromDodo(kind, id);
    const stored = (await loadStoredStates(kind, [id], tx)).get(id);
    const reason = await isMissed(kind, object, stored, tx);
    if (!reason) return null;
    const eventAt = new Date(Math.max(stored?.lastEventAt.getTime() ?? 0, dodoObjectTime(object).getTime()));
    const { outcome } = await applyWebhookEvent(tx, parsedEventOf(kind, object), eventAt, 'truth');
    if (outcome === 'stale') return null;
    const ids = await threadIdsOf(tx, kind, object);
    await tx.insert(reconciliationRepairs).values({
      runId,
      objectType: kind,
      objectId: id,
      ...ids,
      webhookId: input.webhookId ?? null,
      reason,
      eventType: envelopeOf(kind, object, eventAt).type,
      before: storedSummary(stored),
      after: summaryOf(kind, object),
      outcome,
    });
    log.info({ runId, ...ids, objectType: kind, objectId: id, reason, outcome, webhookId: input.webhookId ?? undefined }, 'reconciliation repaired an object');
    return { objectType: kind, objectId: id, reason, outcome };
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

async function finishRun(runId: string, result: Omit<ReconciliationResult, 'runId' | 'repairs'>, error: string | null, cursor: ReconciliationCursor | null) {
  await getDb()
    .update(reconciliationRuns)
    .set({ status: result.status, checked: result.checked, repaired: result.repaired, errors: result.errors, error, cursor, finishedAt: sql`now()` })
    .where(eq(reconciliationRuns.id, runId));
}

/** Where the last run's sweep stopped. */
async function lastCursor(db: Executor): Promise<ReconciliationCursor> {
  const [row] = await db
    .select({ cursor: reconciliationRuns.cursor })
    .from(reconciliationRuns)
    .where(sql`${reconciliationRuns.cursor} is not null`)
    .orderBy(sql`${reconciliationRuns.startedAt} desc`)
    .limit(1);
  return row?.cursor ?? { subscriptionAfter: null, licenseKeyAfter: null, dodoLivePage: 0 };
}

/** A slice of the sweep over objects of any age: each kind's candidates, and where the next run goes on. */
async function sweep(dodo: DodoPayments, db: Executor, from: ReconciliationCursor, size: number) {
  const liveHere = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES), from.subscriptionAfter ? gt(subscriptions.id, from.subscriptionAfter) : undefined))
    .orderBy(asc(subscriptions.id))
    .limit(size);
  const unowned = await db
    .select({ id: licenseKeys.id })
    .from(licenseKeys)
    .where(and(isNull(licenseKeys.userId), from.licenseKeyAfter ? gt(licenseKeys.id, from.licenseKeyAfter) : undefined))
    .orderBy(asc(licenseKeys.id))
    .limit(size);
  // Dodo's live subscriptions we may never have stored, one page per status and run.
  const liveAtDodo = (
    await Promise.all(LIVE_SUBSCRIPTION_STATUSES.map((status) => dodo.subscriptions.list({ status, page_number: from.dodoLivePage, page_size: size })))
  ).flatMap((page) => page.items as unknown as DodoObject[]);
  const cursor: ReconciliationCursor = {
    subscriptionAfter: liveHere.length === size ? liveHere[size - 1].id : null,
    licenseKeyAfter: unowned.length === size ? unowned[size - 1].id : null,
    dodoLivePage: liveAtDodo.length === 0 ? 0 : from.dodoLivePage + 1,
  };
  return { subscriptionIds: liveHere.map((s) => s.id), licenseKeyIds: unowned.map((k) => k.id), liveAtDodo, cursor };
}

/**
 * One reconciliation run. Safe to run on several workers at once and as often as you like: each repair
 * is idempotent and takes the purchase's lock. Schedule it every 15 min.
 */
export async function runReconciliation(options: ReconciliationOptions = {}): Promise<ReconciliationResult> {
  const { trigger = 'scheduled', actor = null, lookbackHours = 72, pageSize = 100, maxPages = 20, sweepSize = 100 } = options;
  const dodo = getDodo();
  const db = getDb();
  const [run] = await db.insert(reconciliationRuns).values({ trigger, actor }).returning({ id: reconciliationRuns.id });
  const runId = run.id;
  log.info({ runId, trigger, actor }, 'reconciliation started');

  const checked: Record<string, number> = {};
  const repairs: RepairSummary[] = [];
  const attempted = new Set<string>();
  const repair = async (kind: ObjectKind, id: string) => {
    if (attempted.has(id)) return;
    attempted.add(id);
    try {
      const done = await repairObject({ runId, kind, id });
      if (done) repairs.push(done);
    } catch (err) {
      repairs.push(await recordFailedRepair(runId, kind, id, err));
    }
  };
  /** Compares objects (summaries will do) with ours and repairs those missed. */
  const compare = async (kind: ObjectKind, objects: DodoObject[]) => {
    const stored = await loadStoredStates(kind, objects.map((o) => objectIdOf(kind, o)), db);
    for (const object of objects) {
      const id = objectIdOf(kind, object);
      if (await isMissed(kind, object, stored.get(id), db)) await repair(kind, id);
    }
  };
  let fatal: string | null = null;
  let cursor: ReconciliationCursor | null = null;
  try {
    // Payments first: refunds and licence keys find their payment's owner through the stored payment.
    const since = new Date(Date.now() - lookbackHours * 3_600_000).toISOString();
    for (const kind of OBJECT_KINDS) {
      const listed: DodoObject[] = [];
      for (let page = 0; page < maxPages; page++) {
        const items = await listPage(dodo, kind, { page_number: page, page_size: pageSize, created_at_gte: since });
        listed.push(...items);
        if (items.length < pageSize) break;
      }
      checked[`${kind}s`] = listed.length;
      await compare(kind, listed);
    }
    if (sweepSize > 0) {
      const slice = await sweep(dodo, db, await lastCursor(db), sweepSize);
      checked.live_subscriptions = slice.subscriptionIds.length + slice.liveAtDodo.length;
      checked.unowned_license_keys = slice.licenseKeyIds.length;
      await compare('subscription', slice.liveAtDodo);
      // Ours are read from Dodo one by one under their lock: one Dodo does not know is a failed repair, not a failed run.
      for (const id of slice.subscriptionIds) await repair('subscription', id);
      for (const id of slice.licenseKeyIds) await repair('license_key', id);
      cursor = slice.cursor;
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
  await finishRun(runId, result, fatal, cursor);
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
    repair = await repairObject({ runId, kind: input.kind, id: input.id, webhookId: input.webhookId });
  } catch (err) {
    repair = await recordFailedRepair(runId, input.kind, input.id, err);
  }
  const failed = repair?.outcome === 'error';
  await finishRun(runId, { status: failed ? 'failed' : 'succeeded', checked: { [`${input.kind}s`]: 1 }, repaired: repair && !failed ? 1 : 0, errors: failed ? 1 : 0 }, null, null);
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
