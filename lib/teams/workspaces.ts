// Workspaces and who is in them, read from the database. A user's personal workspace and the team
// workspace of each Team subscription they bought are created on first need, idempotently.
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { addons, plans, subscriptions, users, workspaceInvitations, workspaceMembers, workspaces, type Workspace } from '@/db/schema';
import { sourceGrants, entitlementSource } from '@/lib/billing/entitlements';
import { extraSeatsOf } from '@/lib/billing/seat-addons';
import { WorkspaceError, type WorkspaceRole } from './roles';

const newWorkspaceId = sql`'wsp_' || replace(gen_random_uuid()::text, '-', '')`;
const ownerName = sql`coalesce(${users.name}, split_part(${users.email}, '@', 1), 'My')`;

/** The user's personal workspace, created once (the partial unique index on user_id holds under races). */
export async function ensurePersonalWorkspace(db: Executor, userId: string): Promise<{ id: string; created: boolean }> {
  const created = await db.execute<{ id: string }>(sql`
    with created as (
      insert into ${workspaces} (id, kind, user_id, name)
      select ${newWorkspaceId}, 'personal', ${users.id}, ${ownerName} || '''s workspace' from ${users} where ${users.id} = ${userId}
      on conflict (user_id) where kind = 'personal' do nothing
      returning id, user_id
    ), owner as (
      insert into ${workspaceMembers} (workspace_id, user_id, role) select id, user_id, 'owner' from created
      on conflict do nothing
    )
    select id from created`);
  if (created.length) return { id: created[0].id, created: true };
  const [existing] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.userId, userId), eq(workspaces.kind, 'personal')));
  if (!existing) throw new WorkspaceError('User not found.');
  return { id: existing.id, created: false };
}

/**
 * One team workspace per Team subscription the user bought (a plan with included seats, once it got past
 * pending), the buyer its first owner. Created once: a buyer who later hands over ownership and leaves
 * is not added back.
 */
export async function ensureTeamWorkspaces(db: Executor, userId: string): Promise<void> {
  await db.execute(sql`
    with created as (
      insert into ${workspaces} (id, kind, user_id, name, subscription_id)
      select ${newWorkspaceId}, 'team', ${subscriptions.userId}, ${ownerName} || '''s team', ${subscriptions.id}
      from ${subscriptions}
      join ${plans} on ${plans.id} = ${subscriptions.planId}
      join ${users} on ${users.id} = ${subscriptions.userId}
      where ${subscriptions.userId} = ${userId} and ${plans.includedSeats} > 0 and ${subscriptions.status} not in ('pending', 'failed')
      on conflict (subscription_id) do nothing
      returning id, user_id
    )
    insert into ${workspaceMembers} (workspace_id, user_id, role) select id, user_id, 'owner' from created
    on conflict do nothing`);
}

export type WorkspaceSummary = Pick<Workspace, 'id' | 'kind' | 'name' | 'subscriptionId'> & { role: WorkspaceRole };

/** Every workspace the user is a member of, personal first. */
export async function listWorkspaces(userId: string, db: Executor = getDb()): Promise<WorkspaceSummary[]> {
  await ensurePersonalWorkspace(db, userId);
  await ensureTeamWorkspaces(db, userId);
  return db
    .select({ id: workspaces.id, kind: workspaces.kind, name: workspaces.name, subscriptionId: workspaces.subscriptionId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(sql`${workspaces.kind} = 'team'`, asc(workspaces.createdAt));
}

/** A workspace's seats: the plan's included ones plus the seat add-ons its subscription carries at Dodo (per the webhooks). */
export type PaidSeats = { included: number; extra: number; paid: number; /** Per extra seat and billing period. */ seatPriceCents: number };

/** What the bought seats add to each renewal of their subscription (none without seats). */
export function extraSeatsCents(seats: PaidSeats | null): number {
  return seats ? seats.extra * seats.seatPriceCents : 0;
}

/** Seats a workspace has paid for: one for a personal workspace; for a team, its plan's included seats plus bought ones. */
export async function paidSeats(db: Executor, workspace: Pick<Workspace, 'kind' | 'subscriptionId'>): Promise<PaidSeats> {
  if (workspace.kind === 'personal' || !workspace.subscriptionId) return { included: 1, extra: 0, paid: 1, seatPriceCents: 0 };
  const [row] = await db
    .select({ included: plans.includedSeats, addons: subscriptions.addons, seatAddonId: addons.dodoAddonId, seatPriceCents: addons.priceCents })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(addons, eq(addons.id, plans.seatAddonId))
    .where(eq(subscriptions.id, workspace.subscriptionId));
  if (!row) return { included: 0, extra: 0, paid: 0, seatPriceCents: 0 };
  const extra = extraSeatsOf(row.addons, row.seatAddonId);
  return { included: row.included, extra, paid: row.included + extra, seatPriceCents: row.seatPriceCents ?? 0 };
}

/** Members plus invitations still waiting (unexpired): each holds a seat. */
export async function seatsTaken(db: Executor, workspaceId: string, exceptInvitationId?: string): Promise<number> {
  const [row] = await db.execute<{ taken: number }>(sql`
    select (select count(*) from ${workspaceMembers} where workspace_id = ${workspaceId})::int
         + (select count(*) from ${workspaceInvitations}
            where workspace_id = ${workspaceId} and accepted_at is null and revoked_at is null and expires_at > now()
              and id <> ${exceptInvitationId ?? ''})::int as taken`);
  return row.taken;
}

/** Does the workspace's Team subscription grant Team right now? */
export async function teamIsActive(db: Executor, workspace: Pick<Workspace, 'subscriptionId'>): Promise<boolean> {
  return workspace.subscriptionId ? sourceGrants(entitlementSource.subscription(workspace.subscriptionId), 'team', db) : false;
}

/**
 * Locks the workspace row for the rest of the transaction (membership changes of one workspace run one
 * at a time, so the last-owner and seat rules hold under concurrent requests) and returns it with the
 * asking user's role. Not a member reads as not found.
 */
export async function lockWorkspaceFor(tx: Executor, workspaceId: string, userId: string) {
  const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
  const [membership] = workspace
    ? await tx
        .select({ role: workspaceMembers.role })
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    : [];
  if (!workspace || !membership) throw new WorkspaceError('Workspace not found.');
  return { workspace, role: membership.role };
}

/** Everything the workspace page shows, for a member of it (null for anyone else). */
export async function getWorkspaceView(workspaceId: string, userId: string, db: Executor = getDb()) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) return null;
  const members = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
  const me = members.find((m) => m.userId === userId);
  if (!me) return null;
  const invitations = await db
    .select({ id: workspaceInvitations.id, email: workspaceInvitations.email, role: workspaceInvitations.role, expiresAt: workspaceInvitations.expiresAt, expired: sql<boolean>`${workspaceInvitations.expiresAt} <= now()` })
    .from(workspaceInvitations)
    .where(and(eq(workspaceInvitations.workspaceId, workspaceId), sql`accepted_at is null and revoked_at is null`))
    .orderBy(asc(workspaceInvitations.createdAt));
  const [seats, taken, active] = await Promise.all([paidSeats(db, workspace), seatsTaken(db, workspaceId), teamIsActive(db, workspace)]);
  return { workspace, role: me.role, members, invitations, seats: { ...seats, taken }, teamActive: active };
}

/** Seats of the team workspace a subscription pays for (null when it has none yet), for /billing. */
export async function subscriptionSeats(subscriptionId: string, db: Executor = getDb()): Promise<(PaidSeats & { workspaceId: string; taken: number }) | null> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.subscriptionId, subscriptionId));
  if (!workspace) return null;
  const [taken, seats] = await Promise.all([seatsTaken(db, workspace.id), paidSeats(db, workspace)]);
  return { workspaceId: workspace.id, taken, ...seats };
}
