// Operations: tables of the operator console (webhook delivery trace, reconciliation).
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** What a delivery came to: `applied`, `duplicate` (already in the inbox), `rejected` (4xx) or `failed` (5xx: Dodo retries). */
export type DeliveryResult = 'applied' | 'duplicate' | 'rejected' | 'failed';

/**
 * Every POST to the webhook endpoint, accepted or not, in order of arrival (`seq`). The inbox
 * (`webhook_events`) keeps one row per event; this keeps each delivery: retries, duplicates and
 * rejected signatures. No body is stored: an unverified body is untrusted, a verified one is in the inbox.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** The `webhook-id` header as sent (unverified when `signature` is not `valid`). */
    webhookId: text('webhook_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** `invalid`: a missing, wrong or stale signature (a signed body we cannot use is `valid` and `rejected`). */
    signature: text('signature').$type<'valid' | 'invalid'>().notNull(),
    statusCode: integer('status_code').notNull(),
    result: text('result').$type<DeliveryResult>().notNull(),
    /** The inbox row's outcome (`WebhookOutcome`), when this delivery applied the event. */
    outcome: text('outcome'),
    eventType: text('event_type'),
    objectId: text('object_id'),
    /** Why it was rejected or failed: a short reason, never the body. */
    error: text('error'),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId),
    index('webhook_deliveries_object_idx').on(t.objectId),
    index('webhook_deliveries_received_idx').on(t.receivedAt),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/**
 * Deliveries refused for their signature (anyone can send them), counted per hour and reason instead of
 * stored one row each; only the first few of each hour and reason are also kept in `webhook_deliveries`.
 */
export const webhookRejections = pgTable(
  'webhook_rejections',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.reason] })],
);

/** The Dodo objects reconciliation compares with ours. */
export const RECONCILED_OBJECT_KINDS = ['payment', 'subscription', 'refund', 'license_key'] as const;
export type ReconciledObjectKind = (typeof RECONCILED_OBJECT_KINDS)[number];
/** Why reconciliation applied an object: we had not stored it, or we store it in another state. */
export type MissedReason = 'not_stored' | 'state_differs';

/** Where a run's sweep over objects of any age stopped, so the next run goes on from there. */
export type ReconciliationCursor = { subscriptionAfter: string | null; licenseKeyAfter: string | null; dodoLivePage: number };

/** One pass that compares Dodo's recent objects with ours (scheduled, from /admin, or one retry). */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: text('id').primaryKey().$defaultFn(() => `rec_${crypto.randomUUID().replaceAll('-', '')}`),
    /** `manual` is the /admin button; `retry` heals one object, from a timeline or a failed webhook. */
    trigger: text('trigger').$type<'scheduled' | 'manual' | 'retry'>().notNull(),
    /** The operator's email for manual runs and retries. */
    actor: text('actor'),
    status: text('status').$type<'running' | 'succeeded' | 'failed'>().notNull().default('running'),
    /** How many objects of each kind were compared, e.g. `{ "payments": 12 }`. */
    checked: jsonb('checked').$type<Record<string, number>>().notNull().default({}),
    repaired: integer('repaired').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** Where this run's sweep stopped (null for a retry of one object). */
    cursor: jsonb('cursor').$type<ReconciliationCursor>(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('reconciliation_runs_started_idx').on(t.startedAt)],
);

export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;

/** One object a run found missed (not stored, or stored in another state) and applied from Dodo. */
export const reconciliationRepairs = pgTable(
  'reconciliation_repairs',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    runId: text('run_id').notNull().references(() => reconciliationRuns.id, { onDelete: 'cascade' }),
    objectType: text('object_type').$type<ReconciledObjectKind>().notNull(),
    objectId: text('object_id').notNull(),
    /** The ids that tie the repair into a timeline. */
    paymentId: text('payment_id'),
    subscriptionId: text('subscription_id'),
    orderId: text('order_id'),
    /** The failed delivery this repair healed (retries from the failed-webhooks list). */
    webhookId: text('webhook_id'),
    reason: text('reason').$type<MissedReason>().notNull(),
    /** The synthetic event type applied, e.g. `payment.succeeded`. */
    eventType: text('event_type').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    /** What applying did (`applied`, `unmatched`, `stale`), or `error`. */
    outcome: text('outcome').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reconciliation_repairs_run_idx').on(t.runId),
    index('reconciliation_repairs_object_idx').on(t.objectId),
    index('reconciliation_repairs_payment_idx').on(t.paymentId),
    index('reconciliation_repairs_order_idx').on(t.orderId),
  ],
);

export type ReconciliationRepair = typeof reconciliationRepairs.$inferSelect;

/** Every operator action (refund, retry, reconcile, role grant): who, what, on which object, and how it went. */
export const operatorActions = pgTable(
  'operator_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The operator's email at the time (kept when the account is gone), or the command line that did it. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** The payment, subscription, job or user acted on; null for console-wide actions (reconcile now). */
    subjectId: text('subject_id'),
    ok: boolean('ok').notNull(),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('operator_actions_subject_idx').on(t.subjectId)],
);
