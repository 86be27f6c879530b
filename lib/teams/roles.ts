// Who may do what in a workspace: the one place these rules live.
import type { WorkspaceMember } from '@/db/schema';

export type WorkspaceRole = WorkspaceMember['role'];
export const WORKSPACE_ROLES = ['owner', 'admin', 'member'] as const satisfies readonly WorkspaceRole[];
/** Roles an invitation may carry: ownership is handed over inside the workspace, never by email. */
export const INVITABLE_ROLES = ['admin', 'member'] as const satisfies readonly WorkspaceRole[];

/** A refusal worth showing to the person who asked, word for word. */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Owners and admins invite, resend, revoke and remove; members only leave. */
export function canManageMembers(role: WorkspaceRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** An admin manages admins and members; only an owner touches an owner or makes one. */
export function canChangeMember(actor: WorkspaceRole, target: WorkspaceRole, newRole?: WorkspaceRole): boolean {
  if (actor === 'owner') return true;
  if (actor !== 'admin') return false;
  return target !== 'owner' && newRole !== 'owner';
}
