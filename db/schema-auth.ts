// Accounts: the Auth.js Drizzle adapter's tables, with a password hash, a role and the Dodo customer id
// added to users; the sessions a user can revoke; and the counters that throttle sign-in and friends.
// Kept apart so that the other schema files reference users without importing each other.
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

export const users = pgTable('user', {
  id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: timestamp('emailVerified', { mode: 'date' }),
  image: text('image'),
  /** scrypt hash (older accounts: bcrypt, upgraded on their next sign-in); null for OAuth-only users. */
  passwordHash: text('password_hash'),
  /** `operator` opens /admin, and only while the email is verified; granted by `npm run admin:grant`. */
  role: text('role').$type<UserRole>().notNull().default('user'),
  /** The Dodo customer this app created for the user (never one adopted by email). */
  dodoCustomerId: text('dodo_customer_id'),
  createdAt: createdAt(),
  /** Set when the account was deleted: the row stays as a tombstone (no email, name or password) for the payments that reference it. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export type UserRole = 'user' | 'operator';

/**
 * One row per signed-in browser. The session cookie (a JWT) names its row; a revoked or missing row
 * signs the browser out on its next request. Sign-out revokes one; a password change or reset all.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/** Fixed-window counters: `key` names what is limited and for whom (`sign-in:account:<email>`). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
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
