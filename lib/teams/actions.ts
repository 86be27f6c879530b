'use server';
// The workspace page's actions: each checks the signed-in user and their role on the server.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { rememberActiveWorkspace } from './active-workspace';
import { acceptInvitation, inviteMember, resendInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, leaveWorkspace, removeMember } from './members';
import { INVITABLE_ROLES, WORKSPACE_ROLES, WorkspaceError } from './roles';
import { listWorkspaces } from './workspaces';

export type WorkspaceActionState = { ok: boolean; message: string } | null;

const workspaceId = z.string().regex(/^wsp_\w{1,64}$/, 'Unknown workspace.');
const invitationId = z.string().regex(/^inv_\w{1,64}$/, 'Unknown invitation.');
const userId = z.string().min(1).max(200);

/** A form action for `useActionState`: the signed-in user, the form validated, refusals shown beside the form. */
function workspaceAction<S extends z.ZodType>(schema: S, run: (input: z.infer<S>, user: CurrentUser) => Promise<string>) {
  return async (_previous: WorkspaceActionState, form: FormData): Promise<WorkspaceActionState> => {
    const user = await requireUser('/workspace');
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
    try {
      const message = await run(parsed.data, user);
      revalidatePath('/', 'layout');
      return { ok: true, message };
    } catch (err) {
      if (err instanceof WorkspaceError) return { ok: false, message: err.message };
      throw err;
    }
  };
}

export const inviteMemberAction = workspaceAction(
  z.object({ workspaceId, email: z.email('Enter an email address.').max(320), role: z.enum(INVITABLE_ROLES) }),
  async (input, user) => {
    const sent = await inviteMember({ actorId: user.id, ...input });
    return sent.resent ? `A new invitation link was sent to ${sent.email}.` : `Invitation sent to ${sent.email}.`;
  },
);

export const resendInvitationAction = workspaceAction(z.object({ invitationId }), async (input, user) => {
  const sent = await resendInvitation({ actorId: user.id, invitationId: input.invitationId });
  return `A new invitation link was sent to ${sent.email}.`;
});

export const revokeInvitationAction = workspaceAction(z.object({ invitationId }), async (input, user) => {
  const revoked = await revokeInvitation({ actorId: user.id, invitationId: input.invitationId });
  return `The invitation to ${revoked.email} was revoked.`;
});

export const changeMemberRoleAction = workspaceAction(z.object({ workspaceId, userId, role: z.enum(WORKSPACE_ROLES) }), async (input, user) => {
  await changeMemberRole({ actorId: user.id, ...input });
  return 'Role changed.';
});

export const removeMemberAction = workspaceAction(z.object({ workspaceId, userId }), async (input, user) => {
  await removeMember({ actorId: user.id, ...input });
  return 'Member removed.';
});

export const leaveWorkspaceAction = workspaceAction(z.object({ workspaceId }), async (input, user) => {
  await leaveWorkspace({ userId: user.id, workspaceId: input.workspaceId });
  await rememberActiveWorkspace(null);
  redirect('/workspace');
});

export const acceptInvitationAction = async (_previous: WorkspaceActionState, form: FormData): Promise<WorkspaceActionState> => {
  const token = z.string().regex(/^[\w-]{20,100}$/).safeParse(form.get('token'));
  if (!token.success) return { ok: false, message: 'This invitation link is not valid.' };
  const user = await requireUser(`/invite/${token.data}`);
  let joined: string;
  try {
    joined = (await acceptInvitation({ user, token: token.data })).workspaceId;
  } catch (err) {
    if (err instanceof WorkspaceError) return { ok: false, message: err.message };
    throw err;
  }
  await rememberActiveWorkspace(joined);
  redirect('/workspace');
};

/** The header's switcher: a plain form, so it works before JavaScript loads. */
export async function switchWorkspaceAction(form: FormData): Promise<void> {
  const user = await requireUser('/workspace');
  const chosen = workspaceId.safeParse(form.get('workspaceId'));
  const mine = chosen.success && (await listWorkspaces(user.id)).some((w) => w.id === chosen.data);
  if (mine) await rememberActiveWorkspace(chosen.data);
  redirect(safeCallbackPath(form.get('returnTo'), '/workspace'));
}
