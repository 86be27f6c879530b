'use server';
// The workspace page's actions: each checks the signed-in user, and the domain checks their role.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { ActionError, defineAction } from '@/lib/define-action';
import { rememberActiveWorkspace } from './active-workspace';
import { acceptInvitation, inviteMember, resendInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, leaveWorkspace, removeMember } from './members';
import { changeSeats, previewSeatChange } from './seats';
import { INVITABLE_ROLES, WORKSPACE_ROLES, WorkspaceError } from './roles';
import { listWorkspaces } from './workspaces';

const workspaceId = z.string().regex(/^wsp_\w{1,64}$/, 'Unknown workspace.');
const invitationId = z.string().regex(/^inv_\w{1,64}$/, 'Unknown invitation.');
const userId = z.string().min(1).max(200);

/** The domain's refusals become the form's error. */
async function shown<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkspaceError) throw new ActionError(err.message);
    throw err;
  }
}

/** A membership change, after which every page (the header's switcher too) re-reads the database. */
async function changing(run: () => Promise<string>): Promise<{ ok: true; message: string }> {
  const message = await shown(run);
  revalidatePath('/', 'layout');
  return { ok: true, message };
}

const asMember = { access: 'user', returnTo: '/workspace' } as const;

export const inviteMemberAction = defineAction(
  { ...asMember, input: z.object({ workspaceId, email: z.email('Enter an email address.').max(320), role: z.enum(INVITABLE_ROLES) }) },
  ({ input, user }) =>
    changing(async () => {
      const sent = await inviteMember({ actorId: user.id, ...input });
      return sent.resent ? `A new invitation link was sent to ${sent.email}.` : `Invitation sent to ${sent.email}.`;
    }),
);

export const resendInvitationAction = defineAction({ ...asMember, input: z.object({ invitationId }) }, ({ input, user }) =>
  changing(async () => `A new invitation link was sent to ${(await resendInvitation({ actorId: user.id, invitationId: input.invitationId })).email}.`),
);

export const revokeInvitationAction = defineAction({ ...asMember, input: z.object({ invitationId }) }, ({ input, user }) =>
  changing(async () => `The invitation to ${(await revokeInvitation({ actorId: user.id, invitationId: input.invitationId })).email} was revoked.`),
);

export const changeMemberRoleAction = defineAction(
  { ...asMember, input: z.object({ workspaceId, userId, role: z.enum(WORKSPACE_ROLES) }) },
  ({ input, user }) =>
    changing(async () => {
      await changeMemberRole({ actorId: user.id, ...input });
      return 'Role changed.';
    }),
);

export const removeMemberAction = defineAction({ ...asMember, input: z.object({ workspaceId, userId }) }, ({ input, user }) =>
  changing(async () => {
    await removeMember({ actorId: user.id, ...input });
    return 'Member removed.';
  }),
);

export const leaveWorkspaceAction = defineAction({ ...asMember, input: z.object({ workspaceId }) }, async ({ input, user }) => {
  await shown(() => leaveWorkspace({ userId: user.id, workspaceId: input.workspaceId }));
  await rememberActiveWorkspace(null);
  redirect('/workspace');
});

export const acceptInvitationAction = defineAction(
  { access: 'user', input: z.object({ token: z.string().regex(/^[\w-]{20,100}$/, 'This invitation link is not valid.') }) },
  async ({ input, user }) => {
    const joined = await shown(() => acceptInvitation({ user, token: input.token }));
    await rememberActiveWorkspace(joined.workspaceId);
    redirect('/workspace');
  },
);

const seats = z.coerce.number({ error: 'Enter a number of seats.' }).int('Enter a whole number of seats.').positive('Enter a number of seats.').max(100_000);

/**
 * The seats form, in two steps: `preview` answers Dodo's proration quote; `confirm` changes the seats for the
 * quoted amount only (a figure that moved comes back as a new quote to confirm).
 */
export const changeSeatsAction = defineAction(
  {
    ...asMember,
    input: z.discriminatedUnion('step', [
      z.object({ step: z.literal('preview'), workspaceId, seats }),
      z.object({ step: z.literal('confirm'), workspaceId, seats, confirmedChargeCents: z.coerce.number().int().nonnegative() }),
    ]),
  },
  async ({ input, user }) => {
    if (input.step === 'preview') {
      const quote = await shown(() => previewSeatChange({ actorId: user.id, workspaceId: input.workspaceId, seats: input.seats }));
      return { ok: true, message: quote.message, quote };
    }
    const result = await shown(() => changeSeats({ actorId: user.id, ...input }));
    if (!result.ok) return result;
    revalidatePath('/', 'layout');
    return { ok: true, message: result.message };
  },
);

/** The header's switcher: only a workspace the user is a member of can become the active one. */
export const switchWorkspaceAction = defineAction(
  { ...asMember, input: z.object({ workspaceId, returnTo: z.string().optional() }) },
  async ({ input, user }) => {
    if (!(await listWorkspaces(user.id)).some((w) => w.id === input.workspaceId)) throw new ActionError('Workspace not found.');
    await rememberActiveWorkspace(input.workspaceId);
    redirect(safeCallbackPath(input.returnTo, '/workspace'));
  },
);
