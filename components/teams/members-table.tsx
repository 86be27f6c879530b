import { ActionForm } from '@/components/ui/action-form';
import { NativeSelect } from '@/components/ui/native-select';
import { Cell, Row, Table } from '@/components/ui/table';
import { changeMemberRoleAction, removeMemberAction } from '@/lib/teams/actions';
import { canChangeMember, canManageMembers, WORKSPACE_ROLES, type WorkspaceRole } from '@/lib/teams/roles';

type Member = { userId: string; email: string | null; name: string | null; role: WorkspaceRole };

const ROLE_TEXT: Record<WorkspaceRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** Who is in the workspace, with the role and removal controls the viewer's role allows. */
export function MembersTable({ workspaceId, members, viewer }: { workspaceId: string; members: Member[]; viewer: { userId: string; role: WorkspaceRole } }) {
  return (
    <Table caption="Members" columns={['Member', 'Role', 'Actions']} className="mt-3">
      {members.map((m) => {
        const label = m.email ?? m.name ?? m.userId;
        const manageable = m.userId !== viewer.userId && canManageMembers(viewer.role) && canChangeMember(viewer.role, m.role);
        return (
          <Row key={m.userId} data-testid="member-row">
            <Cell>
              {label}
              {m.userId === viewer.userId && <span className="ml-1 text-muted-foreground">(you)</span>}
            </Cell>
            <Cell>{ROLE_TEXT[m.role]}</Cell>
            <Cell>
              {manageable && (
                <div className="flex flex-wrap gap-2">
                  <ActionForm action={changeMemberRoleAction} fields={{ workspaceId, userId: m.userId }} label="Change role" ariaLabel={`Change role of ${label}`} pendingLabel="Saving…">
                    <NativeSelect name="role" defaultValue={m.role} aria-label={`New role for ${label}`}>
                      {WORKSPACE_ROLES.filter((r) => canChangeMember(viewer.role, m.role, r)).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_TEXT[r]}
                        </option>
                      ))}
                    </NativeSelect>
                  </ActionForm>
                  <ActionForm
                    action={removeMemberAction}
                    fields={{ workspaceId, userId: m.userId }}
                    label="Remove"
                    ariaLabel={`Remove ${label}`}
                    pendingLabel="Removing…"
                    variant="destructive"
                    confirm={`Remove ${label} from this workspace? They lose its Team access at once.`}
                  />
                </div>
              )}
            </Cell>
          </Row>
        );
      })}
    </Table>
  );
}
