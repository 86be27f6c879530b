// Background fulfilment: tables of lib/jobs and lib/mail. graphile-worker keeps its own queue tables in
// the `graphile_worker` schema; these are the operator-readable state and the jobs' own effects.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';

export const fulfilmentStatus = pgEnum('fulfilment_status', ['queued', 'running', 'succeeded', 'failed', 'dead']);

/**
 * One row per piece of follow-up work (`receipt_email` for `pay_…`, …). The unique (kind, subject_id)
 * is what makes enqueueing idempotent; `failed` means "will retry at run_after", `dead` means "gave up".
 */
export const fulfilments = pgTable(
  'fulfilments',
  {
    id: text('id').primaryKey().$defaultFn(() => `ful_${crypto.randomUUID().replaceAll('-', '')}`),
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** A hint from the enqueuer; handlers read the truth from the database by subject id. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: fulfilmentStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    lastError: text('last_error'),
    /** What the last successful run did, in words (`sent to a@b.c`, `skipped: CRM_WEBHOOK_URL not set`). */
    result: text('result'),
    /** When the next attempt may start (for `queued` and `failed`). */
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** When it reached `succeeded` or `dead`. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('fulfilments_kind_subject').on(t.kind, t.subjectId),
    index('fulfilments_status_idx').on(t.status, t.createdAt),
    index('fulfilments_subject_idx').on(t.subjectId),
  ],
);

export type Fulfilment = typeof fulfilments.$inferSelect;

export const fulfilmentAttemptOutcome = pgEnum('fulfilment_attempt_outcome', ['running', 'succeeded', 'failed', 'interrupted']);

/** Every run of a fulfilment; `interrupted` is an attempt whose worker died before it finished. */
export const fulfilmentAttempts = pgTable(
  'fulfilment_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fulfilmentId: text('fulfilment_id').notNull().references(() => fulfilments.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    workerId: text('worker_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: fulfilmentAttemptOutcome('outcome').notNull().default('running'),
    error: text('error'),
  },
  (t) => [uniqueIndex('fulfilment_attempts_fulfilment_attempt').on(t.fulfilmentId, t.attempt)],
);

export type FulfilmentAttempt = typeof fulfilmentAttempts.$inferSelect;

/**
 * Live workers say so here every few seconds; a job locked by a worker that stopped saying so is
 * released for another worker (graphile-worker alone would wait four hours).
 */
export const jobWorkerHeartbeats = pgTable('job_worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  host: text('host').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
});

export const mailTransport = pgEnum('mail_transport', ['mailbox', 'smtp']);
export const mailStatus = pgEnum('mail_status', ['sending', 'sent']);

/**
 * Every message the app sends, keyed by an idempotency key so none goes out twice. Without SMTP_URL
 * this table is the whole mail system: the dev mailbox at /dev/mail reads it.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: text('id').primaryKey().$defaultFn(() => `msg_${crypto.randomUUID().replaceAll('-', '')}`),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    transport: mailTransport('transport').notNull(),
    /** `sending` only while an SMTP hand-off is in flight (or was cut off by a crash: it is retried). */
    status: mailStatus('status').notNull(),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_messages_created_idx').on(sql`${t.createdAt} desc`)],
);

export type MailMessage = typeof mailMessages.$inferSelect;
