// Changing who is in a workspace: roles, removal, leaving. The last owner always stays.
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { workspaceMembers } from '@/db/schema';
import { canChangeMember, canManageMembers, WorkspaceError, type WorkspaceRole } from './roles';
import { lockWorkspaceFor } from './workspaces';

async function memberRole(tx: Executor, workspaceId: string, userId: string): Promise<WorkspaceRole> {
  const [row] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!row) throw new WorkspaceError('That person is not a member of this workspace.');
  return row.role;
}

async function ownerCount(tx: Executor, workspaceId: string): Promise<number> {
  const [row] = await tx.execute<{ owners: number }>(
    sql`select count(*)::int as owners from ${workspaceMembers} where workspace_id = ${workspaceId} and role = 'owner'`,
  );
  return row.owners;
}

const LAST_OWNER = 'A workspace needs an owner: make another member an owner first.';

export async function changeMemberRole(
  input: { actorId: string; workspaceId: string; userId: string; role: WorkspaceRole },
  db: Executor = getDb(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const { workspace, role: actorRole } = await lockWorkspaceFor(tx, input.workspaceId, input.actorId);
    if (workspace.kind !== 'team') throw new WorkspaceError('A personal workspace has no roles to change.');
    const target = await memberRole(tx, workspace.id, input.userId);
    if (!canChangeMember(actorRole, target, input.role)) throw new WorkspaceError('You cannot give that role to that member.');
    if (target === 'owner' && input.role !== 'owner' && (await ownerCount(tx, workspace.id)) <= 1) throw new WorkspaceError(LAST_OWNER);
    await tx
      .update(workspaceMembers)
      .set({ role: input.role })
      .where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, input.userId)));
  });
}

/** Removes a member (or, when the actor removes themselves, leaves). Their Team access ends with it. */
export async function removeMember(input: { actorId: string; workspaceId: string; userId: string }, db: Executor = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const { workspace, role: actorRole } = await lockWorkspaceFor(tx, input.workspaceId, input.actorId);
    if (workspace.kind !== 'team') throw new WorkspaceError('Your personal workspace is always yours: it cannot be left.');
    const target = await memberRole(tx, workspace.id, input.userId);
    const leaving = input.userId === input.actorId;
    if (!leaving && !(canManageMembers(actorRole) && canChangeMember(actorRole, target))) {
      throw new WorkspaceError('You cannot remove that member.');
    }
    if (target === 'owner' && (await ownerCount(tx, workspace.id)) <= 1) throw new WorkspaceError(LAST_OWNER);
    await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, input.userId)));
  });
}

export async function leaveWorkspace(input: { userId: string; workspaceId: string }, db: Executor = getDb()): Promise<void> {
  await removeMember({ actorId: input.userId, workspaceId: input.workspaceId, userId: input.userId }, db);
}
