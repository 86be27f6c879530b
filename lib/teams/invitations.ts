// Invitations by email: sent as a queued email, single-use, expiring, accepted only by the invited address.
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { users, workspaceInvitations, workspaceMembers, workspaces, type WorkspaceInvitation } from '@/db/schema';
import { enqueueFulfilment } from '@/lib/jobs/enqueue';
import { canChangeMember, canManageMembers, WorkspaceError, type WorkspaceRole } from './roles';
import { hashInvitationToken, invitationEmailSubject, newInvitationToken } from './tokens';
import { lockWorkspaceFor, paidSeats, seatsTaken, teamIsActive } from './workspaces';

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;

const expiry = () => new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);

/** Queues the email carrying one send's link, in the caller's transaction (no email without the row). */
async function queueInvitationEmail(tx: Executor, invitation: Pick<WorkspaceInvitation, 'id' | 'sends'>, token: string) {
  await enqueueFulfilment(tx, {
    kind: 'invitation_email',
    subjectId: invitationEmailSubject.build(invitation.id, invitation.sends),
    payload: { token },
  });
}

async function requireFreeSeat(tx: Executor, workspace: Parameters<typeof paidSeats>[1] & { id: string }, exceptInvitationId?: string) {
  const [{ paid }, taken] = await Promise.all([paidSeats(tx, workspace), seatsTaken(tx, workspace.id, exceptInvitationId)]);
  if (taken >= paid) {
    throw new WorkspaceError(`All ${paid} seats are taken (members and open invitations). Buy more seats (under Seats), remove a member or revoke an invitation first.`);
  }
}

/** Loads a workspace for someone who may manage its members, refusing anything that cannot take invitations. */
async function lockForInviting(tx: Executor, workspaceId: string, actorId: string) {
  const locked = await lockWorkspaceFor(tx, workspaceId, actorId);
  if (!canManageMembers(locked.role)) throw new WorkspaceError('Only owners and admins can manage invitations.');
  if (locked.workspace.kind !== 'team') throw new WorkspaceError('A personal workspace is yours alone. Buy Team to share a workspace.');
  if (!(await teamIsActive(tx, locked.workspace))) {
    throw new WorkspaceError("This workspace's Team subscription is not active, so nobody can be invited.");
  }
  return locked;
}

export type InvitationSent = { invitationId: string; email: string; resent: boolean; token: string };

/** Invites an address; inviting an address already invited sends it a fresh link instead. */
export async function inviteMember(
  input: { actorId: string; workspaceId: string; email: string; role: Exclude<WorkspaceRole, 'owner'> },
  db: Executor = getDb(),
): Promise<InvitationSent> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const { workspace, role } = await lockForInviting(tx, input.workspaceId, input.actorId);
    if (!canChangeMember(role, 'member', input.role)) throw new WorkspaceError('You cannot invite someone with that role.');
    const [member] = await tx
      .select({ userId: users.id })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspace.id), sql`lower(${users.email}) = ${email}`));
    if (member) throw new WorkspaceError(`${email} is already a member of this workspace.`);
    const [open] = await tx
      .select()
      .from(workspaceInvitations)
      .where(and(eq(workspaceInvitations.workspaceId, workspace.id), eq(workspaceInvitations.email, email), sql`accepted_at is null and revoked_at is null`));
    await requireFreeSeat(tx, workspace, open?.id);
    const { token, tokenHash } = newInvitationToken();
    const [invitation] = open
      ? await tx
          .update(workspaceInvitations)
          .set({ role: input.role, tokenHash, expiresAt: expiry(), sends: sql`${workspaceInvitations.sends} + 1`, invitedBy: input.actorId, updatedAt: sql`now()` })
          .where(eq(workspaceInvitations.id, open.id))
          .returning()
      : await tx
          .insert(workspaceInvitations)
          .values({ workspaceId: workspace.id, email, role: input.role, tokenHash, invitedBy: input.actorId, expiresAt: expiry() })
          .returning();
    await queueInvitationEmail(tx, invitation, token);
    return { invitationId: invitation.id, email, resent: Boolean(open), token };
  });
}

async function lockOpenInvitation(tx: Executor, invitationId: string, actorId: string) {
  const [invitation] = await tx.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, invitationId));
  if (!invitation) throw new WorkspaceError('Invitation not found.');
  const locked = await lockForInviting(tx, invitation.workspaceId, actorId);
  const [current] = await tx.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, invitationId));
  if (current.acceptedAt) throw new WorkspaceError('That invitation was already accepted.');
  if (current.revokedAt) throw new WorkspaceError('That invitation was revoked.');
  return { ...locked, invitation: current };
}

/** A fresh link for an open invitation (the previous link stops working), valid for another week. */
export async function resendInvitation(input: { actorId: string; invitationId: string }, db: Executor = getDb()): Promise<InvitationSent> {
  return db.transaction(async (tx) => {
    const { workspace, invitation } = await lockOpenInvitation(tx, input.invitationId, input.actorId);
    await requireFreeSeat(tx, workspace, invitation.id);
    const { token, tokenHash } = newInvitationToken();
    const [updated] = await tx
      .update(workspaceInvitations)
      .set({ tokenHash, expiresAt: expiry(), sends: sql`${workspaceInvitations.sends} + 1`, updatedAt: sql`now()` })
      .where(eq(workspaceInvitations.id, invitation.id))
      .returning();
    await queueInvitationEmail(tx, updated, token);
    return { invitationId: updated.id, email: updated.email, resent: true, token };
  });
}

export async function revokeInvitation(input: { actorId: string; invitationId: string }, db: Executor = getDb()): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const { invitation } = await lockOpenInvitation(tx, input.invitationId, input.actorId);
    await tx.update(workspaceInvitations).set({ revokedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(workspaceInvitations.id, invitation.id));
    return { email: invitation.email };
  });
}

/** Why an invitation link cannot be used, in words for the person holding it (null: it can). */
function refusal(invitation: WorkspaceInvitation): string | null {
  if (invitation.revokedAt) return 'This invitation was revoked. Ask the workspace owner for a new one.';
  if (invitation.acceptedAt) return 'This invitation was already used.';
  if (invitation.expiresAt.getTime() <= Date.now()) return 'This invitation has expired. Ask the workspace owner to send it again.';
  return null;
}

const INVALID_LINK = 'This invitation link is not valid (a newer link may have been sent). Ask the workspace owner to send it again.';

/** What the invitation page shows for a link, before anyone accepts it. */
export async function describeInvitation(token: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ invitation: workspaceInvitations, workspaceName: workspaces.name })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .where(eq(workspaceInvitations.tokenHash, hashInvitationToken(token)));
  if (!row) return { ok: false as const, error: INVALID_LINK };
  const refused = refusal(row.invitation);
  if (refused) return { ok: false as const, error: refused };
  return { ok: true as const, email: row.invitation.email, role: row.invitation.role, workspaceName: row.workspaceName };
}

/**
 * Accepts an invitation for the signed-in user, whose email must be the invited one. Single-use: the
 * invitation row is locked, so two clicks (or two tabs) add one member.
 */
export async function acceptInvitation(
  input: { user: { id: string; email: string }; token: string },
  db: Executor = getDb(),
): Promise<{ workspaceId: string }> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: workspaceInvitations.id, workspaceId: workspaceInvitations.workspaceId })
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.tokenHash, hashInvitationToken(input.token)));
    if (!found) throw new WorkspaceError(INVALID_LINK);
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, found.workspaceId)).for('update');
    const [invitation] = await tx.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, found.id));
    if (invitation.tokenHash !== hashInvitationToken(input.token)) throw new WorkspaceError(INVALID_LINK);
    const refused = refusal(invitation);
    if (refused) throw new WorkspaceError(refused);
    if (invitation.email !== input.user.email.trim().toLowerCase()) {
      throw new WorkspaceError(`This invitation is for ${invitation.email}, but you are signed in as ${input.user.email}. Sign in with the invited address to accept it.`);
    }
    // Membership is identity that grants access: it rests on an address the user has proven is theirs.
    const [member] = await tx.select({ emailVerified: users.emailVerified }).from(users).where(and(eq(users.id, input.user.id), eq(users.email, invitation.email)));
    if (!member?.emailVerified) throw new WorkspaceError(`Confirm your email address first: open the link we sent to ${invitation.email}, then accept the invitation.`);
    const [{ paid: seats }, members] = await Promise.all([
      paidSeats(tx, workspace),
      tx.select({ userId: workspaceMembers.userId }).from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspace.id)),
    ]);
    const already = members.some((m) => m.userId === input.user.id);
    if (!already && members.length >= seats) throw new WorkspaceError(`This workspace has no free seat (all ${seats} are taken). Ask its owner to free one.`);
    if (!already) await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId: input.user.id, role: invitation.role });
    await tx
      .update(workspaceInvitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: input.user.id, updatedAt: sql`now()` })
      .where(eq(workspaceInvitations.id, invitation.id));
    return { workspaceId: workspace.id };
  });
}
