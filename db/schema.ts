import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DisputeStatus } from 'dodopayments/resources/disputes';
import type { LicenseKeyStatus } from 'dodopayments/resources/license-keys';
import type { IntentStatus } from 'dodopayments/resources/payments';
import type { RefundStatus } from 'dodopayments/resources/refunds';
import type { SubscriptionStatus } from 'dodopayments/resources/subscriptions';
import { createdAt, updatedAt } from './columns';
import { users } from './schema-auth';

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
  /** Seats a team workspace on this plan includes (0: not a team plan). */
  includedSeats: integer('included_seats').notNull().default(0),
  /** The add-on that sells seats beyond the included ones (team plans only). */
  seatAddonId: text('seat_addon_id').references(() => addons.id),
  dodoProductId: text('dodo_product_id'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type Plan = typeof plans.$inferSelect;

/** Add-ons sold on top of a subscription plan (seats), synced to Dodo's `/addons` like plans are to products. */
export const addons = pgTable('addons', {
  id: text('id').primaryKey(), // a stable slug such as `seat-monthly`
  name: text('name').notNull(),
  description: text('description').notNull(),
  /** Per unit and per billing period of the plan it is attached to. */
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull().default('USD'),
  dodoAddonId: text('dodo_addon_id'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type Addon = typeof addons.$inferSelect;
export type NewAddon = typeof addons.$inferInsert;
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
    /** `user:plan` (`user:line:…` for subscriptions) while open: the partial unique index makes double clicks share one order. */
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
    /** The discount code the checkout session was created with (validated at Dodo first). */
    discountCode: text('discount_code'),
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

/** A discount as a payment carries it: its code, `percentage` (amount in basis points) or `flat` (minor units). */
export type AppliedDiscount = { code: string; type: string; amount: number };
/** An add-on line of a subscription, as Dodo reports it (its `addon_id` is Dodo's adn_… id). */
export type SubscriptionAddon = { addon_id: string; quantity: number };

export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(), // Dodo's pay_… id
    orderId: text('order_id').references(() => orders.id),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    subscriptionId: text('subscription_id'),
    status: text('status').$type<IntentStatus>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    disputeStatus: text('dispute_status').$type<DisputeStatus>(),
    /** Discount codes Dodo applied, in order (`amount` in basis points for `percentage`). */
    discounts: jsonb('discounts').$type<AppliedDiscount[]>().notNull().default([]),
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
    status: text('status').$type<SubscriptionStatus>().notNull(),
    nextBillingDate: timestamp('next_billing_date', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Dodo's add-ons on the subscription as of the newest event applied (seats beyond the plan's included ones). */
    addons: jsonb('addons').$type<SubscriptionAddon[]>().notNull().default([]),
    /** Dodo's `created_at` + `trial_period_days`; null when the subscription started without a trial. */
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
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
  status: text('status').$type<RefundStatus>().notNull(),
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
    status: text('status').$type<DisputeStatus>().notNull(),
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
  status: text('status').$type<LicenseKeyStatus>().notNull(),
  activationsLimit: integer('activations_limit'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// Access: the only thing the UI asks
// ---------------------------------------------------------------------------------------------

/** A subscription or a one-time payment: each source's entitlements are recomputed from its stored state. */
export type EntitlementSource = `subscription:${string}` | `payment:${string}`;

export const entitlementStatus = pgEnum('entitlement_status', ['active', 'grace', 'revoked']);

export const entitlements = pgTable(
  'entitlements',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(), // e.g. `pro`, `team`, `license`, `credits`
    /** What grants it; built and parsed by lib/billing/entitlements.ts. */
    source: text('source').$type<EntitlementSource>().notNull(),
    status: entitlementStatus('status').notNull(),
    /** Null means no end (a lifetime licence). */
    validUntil: timestamp('valid_until', { withTimezone: true }),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('entitlements_user_key_source').on(t.userId, t.key, t.source), index('entitlements_source_idx').on(t.source)],
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

/**
 * A ledger entry's key, the once-only gate of its change (built and parsed by lib/billing/credits.ts):
 * `grant:<payment>` the credits a purchase grants; `adjust:<payment>:<from>:<to>` moving a payment's
 * net credits after a refund, dispute or reinstatement; `use:<user>:<key>` one idempotent spend.
 */
export type CreditLedgerKey = `grant:${string}` | `adjust:${string}:${number}:${number}` | `use:${string}:${string}`;

/** Every change to a balance, keyed so that one payment (or one use) is counted once. */
export const creditLedger = pgTable('credit_ledger', {
  id: text('id').$type<CreditLedgerKey>().primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  delta: integer('delta').notNull(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// Webhook inbox: one row per webhook-id, inserted in the same transaction that applies the event
// ---------------------------------------------------------------------------------------------

/**
 * What applying an event did: `applied`; `stale` (not newer than the stored state, so nothing changed);
 * `ignored` (a type this app does not act on); `unmatched` (stored, but no user of ours owns it: it
 * grants nothing and is shown to operators); `pending` only inside the transaction that applies it.
 */
export const WEBHOOK_OUTCOMES = ['pending', 'applied', 'stale', 'ignored', 'unmatched'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

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
    outcome: text('outcome').$type<WebhookOutcome>().notNull(),
    /** The event tied with the stored state (same time, other content), so Dodo's current object was applied. */
    resolvedFromDodo: boolean('resolved_from_dodo').notNull().default(false),
  },
  (t) => [index('webhook_events_object_idx').on(t.objectId)],
);

// Tables of other domains live beside this file and are re-exported here, so `@/db/schema` has them all.
export * from './schema-auth';
export * from './schema-jobs';
export * from './schema-ops';
export * from './schema-teams';
