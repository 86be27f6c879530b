import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------------------------------------
// Accounts (the Auth.js Drizzle adapter's tables, with a password hash and a role added to users)
// ---------------------------------------------------------------------------------------------

export const users = pgTable('user', {
  id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: timestamp('emailVerified', { mode: 'date' }),
  image: text('image'),
  /** bcrypt hash; null for users who only sign in with GitHub or Google. */
  passwordHash: text('password_hash'),
  dodoCustomerId: text('dodo_customer_id'),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  'account',
  {
    userId: text('userId').notNull().references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'oauth' | 'oidc' | 'email' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('providerAccountId').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('session', {
  sessionToken: text('sessionToken').primaryKey(),
  userId: text('userId').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { mode: 'date' }).notNull(),
});

export const verificationTokens = pgTable(
  'verificationToken',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export type User = typeof users.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------

export const planKind = pgEnum('plan_kind', ['one_time', 'subscription', 'credits']);
export const billingInterval = pgEnum('billing_interval', ['month', 'year']);

/** The catalogue. Prices and Dodo product ids live here and only here: the client never sends them. */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(), // a stable slug such as `pro-monthly`
  name: text('name').notNull(),
  description: text('description').notNull(),
  kind: planKind('kind').notNull(),
  interval: billingInterval('interval'),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull().default('USD'),
  trialDays: integer('trial_days').notNull().default(0),
  /** Credits granted per purchase (credits packs only). */
  credits: integer('credits').notNull().default(0),
  /** Entitlement keys a purchase of this plan grants, e.g. `pro`, `team`, `license`. */
  entitlements: text('entitlements').array().notNull().default(sql`'{}'::text[]`),
  features: jsonb('features').$type<string[]>().notNull().default([]),
  issuesLicenseKey: boolean('issues_license_key').notNull().default(false),
  dodoProductId: text('dodo_product_id'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;

// ---------------------------------------------------------------------------------------------
// Orders: one row per checkout attempt, created before Dodo is called
// ---------------------------------------------------------------------------------------------

export const orderStatus = pgEnum('order_status', ['pending', 'open', 'paid', 'failed', 'expired']);
/** Statuses in which an order still stands for "this user is buying this plan right now". */
export const OPEN_ORDER_STATUSES = ['pending', 'open'] as const;

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey().$defaultFn(() => `ord_${crypto.randomUUID().replaceAll('-', '')}`),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    planId: text('plan_id').notNull().references(() => plans.id),
    status: orderStatus('status').notNull().default('pending'),
    /** `user:plan` while the order is open: the partial unique index makes double clicks share one order. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestId: text('request_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    dodoProductId: text('dodo_product_id').notNull(),
    checkoutSessionId: text('checkout_session_id').unique(),
    checkoutUrl: text('checkout_url'),
    checkoutCreatedAt: timestamp('checkout_created_at', { withTimezone: true }),
    paymentId: text('payment_id'),
    subscriptionId: text('subscription_id'),
    error: text('error'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_open_idempotency_key').on(t.idempotencyKey).where(sql`${t.status} in ('pending', 'open')`),
    index('orders_user_idx').on(t.userId),
    // Operators search by the request id that threads logs, order and checkout metadata.
    index('orders_request_idx').on(t.requestId),
  ],
);

export type Order = typeof orders.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Mirrors of Dodo's objects. Each keeps the time of the newest event applied, so that an older
// event arriving late never overwrites newer state.
// ---------------------------------------------------------------------------------------------

export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(), // Dodo's pay_… id
    orderId: text('order_id').references(() => orders.id),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    subscriptionId: text('subscription_id'),
    status: text('status').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    disputeStatus: text('dispute_status'),
    customerId: text('customer_id'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('payments_user_idx').on(t.userId), index('payments_order_idx').on(t.orderId)],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(), // Dodo's sub_… id
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    orderId: text('order_id').references(() => orders.id),
    planId: text('plan_id').references(() => plans.id),
    dodoProductId: text('dodo_product_id').notNull(),
    status: text('status').notNull(),
    nextBillingDate: timestamp('next_billing_date', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    customerId: text('customer_id'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId)],
);

export const refunds = pgTable('refunds', {
  id: text('id').primaryKey(), // Dodo's ref_… id
  paymentId: text('payment_id').notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: text('currency').notNull(),
  status: text('status').notNull(),
  reason: text('reason'),
  lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Disputes, kept apart from payments so a dispute that arrives before its payment is not lost. */
export const disputes = pgTable(
  'disputes',
  {
    id: text('id').primaryKey(), // Dodo's dsc_… id
    paymentId: text('payment_id').notNull(),
    status: text('status').notNull(), // dispute_opened, dispute_won, dispute_lost, …
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('disputes_payment_idx').on(t.paymentId)],
);

export const licenseKeys = pgTable('license_keys', {
  id: text('id').primaryKey(), // Dodo's license key id
  userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
  paymentId: text('payment_id').notNull(),
  key: text('key').notNull(),
  status: text('status').notNull(),
  activationsLimit: integer('activations_limit'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// Access: the only thing the UI asks
// ---------------------------------------------------------------------------------------------

export const entitlementStatus = pgEnum('entitlement_status', ['active', 'grace', 'revoked']);

export const entitlements = pgTable(
  'entitlements',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(), // e.g. `pro`, `team`, `license`, `credits`
    /** What grants it: `subscription:sub_…` or `payment:pay_…`. */
    source: text('source').notNull(),
    status: entitlementStatus('status').notNull(),
    /** Null means no end (a lifetime licence). */
    validUntil: timestamp('valid_until', { withTimezone: true }),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('entitlements_user_key_source').on(t.userId, t.key, t.source)],
);

export type Entitlement = typeof entitlements.$inferSelect;

/** Prepaid credits: one balance per user, never below zero (the check holds under concurrency). */
export const creditBalances = pgTable(
  'credit_balances',
  {
    userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
    balance: integer('balance').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [check('credit_balances_non_negative', sql`${t.balance} >= 0`)],
);

/** Every change to a balance, keyed so that one payment (or one use) is counted once. */
export const creditLedger = pgTable('credit_ledger', {
  id: text('id').primaryKey(), // `grant:pay_…`, `refund:ref_…`, `use:<uuid>`
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  delta: integer('delta').notNull(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// Webhook inbox: one row per webhook-id, inserted in the same transaction that applies the event
// ---------------------------------------------------------------------------------------------

export const webhookEvents = pgTable(
  'webhook_events',
  {
    webhookId: text('webhook_id').primaryKey(),
    type: text('type').notNull(),
    /** Dodo's event time (the envelope's `timestamp`). */
    eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    objectId: text('object_id'),
    payload: jsonb('payload').notNull(),
    /** What applying it did: `applied`, `stale` (older than stored state), `ignored` (unknown type)… */
    outcome: text('outcome').notNull(),
  },
  (t) => [index('webhook_events_object_idx').on(t.objectId)],
);

// Tables of other domains live beside this file and are re-exported here, so `@/db/schema` has them all.
export * from './schema-jobs';
export * from './schema-ops';
