import { ActionForm } from '@/components/ui/action-form';
import { changeMemberRoleAction, removeMemberAction } from '@/lib/teams/actions';
import { canChangeMember, canManageMembers, WORKSPACE_ROLES, type WorkspaceRole } from '@/lib/teams/roles';

type Member = { userId: string; email: string | null; name: string | null; role: WorkspaceRole };

const ROLE_TEXT: Record<WorkspaceRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** Who is in the workspace, with the role and removal controls the viewer's role allows. */
export function MembersTable({ workspaceId, members, viewer }: { workspaceId: string; members: Member[]; viewer: { userId: string; role: WorkspaceRole } }) {
  return (
    <table className="mt-3 w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-2 font-medium">Member</th>
          <th className="py-2 font-medium">Role</th>
          <th className="py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const label = m.email ?? m.name ?? m.userId;
          const manageable = m.userId !== viewer.userId && canManageMembers(viewer.role) && canChangeMember(viewer.role, m.role);
          return (
            <tr key={m.userId} className="border-t border-slate-100 align-top" data-testid="member-row">
              <td className="py-2">
                {label}
                {m.userId === viewer.userId && <span className="ml-1 text-slate-500">(you)</span>}
              </td>
              <td className="py-2">{ROLE_TEXT[m.role]}</td>
              <td className="py-2">
                {manageable && (
                  <div className="flex flex-wrap gap-2">
                    <ActionForm action={changeMemberRoleAction} fields={{ workspaceId, userId: m.userId }} label="Change role" ariaLabel={`Change role of ${label}`} pendingLabel="Saving…">
                      <select name="role" defaultValue={m.role} aria-label={`New role for ${label}`} className="min-h-10 rounded-md border border-slate-300 px-2">
                        {WORKSPACE_ROLES.filter((r) => canChangeMember(viewer.role, m.role, r)).map((r) => (
                          <option key={r} value={r}>
                            {ROLE_TEXT[r]}
                          </option>
                        ))}
                      </select>
                    </ActionForm>
                    <ActionForm action={removeMemberAction} fields={{ workspaceId, userId: m.userId }} label="Remove" ariaLabel={`Remove ${label}`} pendingLabel="Removing…" />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
