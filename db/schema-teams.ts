// Workspaces: tables of lib/teams. A personal one per user; a team one per Team subscription, shared by its members.
import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { users } from './schema-auth';

export const workspaceKind = pgEnum('workspace_kind', ['personal', 'team']);
export const workspaceRole = pgEnum('workspace_role', ['owner', 'admin', 'member']);

export const workspaces = pgTable(
  'workspaces',
  {
    id: text('id').primaryKey().$defaultFn(() => `wsp_${crypto.randomUUID().replaceAll('-', '')}`),
    kind: workspaceKind('kind').notNull().default('personal'),
    /** Who created it: the user of a personal workspace, the buyer of a team one. */
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The Team subscription (Dodo's sub_… id) whose access and seats this workspace shares. */
    subscriptionId: text('subscription_id').unique(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_personal_user').on(t.userId).where(sql`${t.kind} = 'personal'`)],
);

export type Workspace = typeof workspaces.$inferSelect;

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: workspaceRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('workspace_members_user_idx').on(t.userId)],
);

export type WorkspaceMember = typeof workspaceMembers.$inferSelect;

/**
 * An invitation by email. Only the SHA-256 of its link's token is stored; a resend issues a new token
 * (the old link stops working). At most one open invitation per address and workspace.
 */
export const workspaceInvitations = pgTable(
  'workspace_invitations',
  {
    id: text('id').primaryKey().$defaultFn(() => `inv_${crypto.randomUUID().replaceAll('-', '')}`),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text('email').notNull(),
    role: workspaceRole('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** How many links were sent; each send is its own queued email. */
    sends: integer('sends').notNull().default(1),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workspace_invitations_open_email')
      .on(t.workspaceId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

export type WorkspaceInvitation = typeof workspaceInvitations.$inferSelect;
