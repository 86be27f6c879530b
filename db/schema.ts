import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;
