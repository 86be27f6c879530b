import { ActionForm } from '@/components/ui/action-form';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { inviteMemberAction, resendInvitationAction, revokeInvitationAction } from '@/lib/teams/actions';
import type { WorkspaceRole } from '@/lib/teams/roles';

type Invitation = { id: string; email: string; role: WorkspaceRole; expiresAt: Date; expired: boolean };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** The invite form and the invitations still open, for owners and admins. */
export function InvitationsPanel({ workspaceId, invitations, canInvite }: { workspaceId: string; invitations: Invitation[]; canInvite: boolean }) {
  return (
    <div className="space-y-4">
      {canInvite && (
        <ActionForm action={inviteMemberAction} fields={{ workspaceId }} label="Send invitation" pendingLabel="Sending…" variant="default">
          <div className="min-w-[16rem] flex-1">
            <Label htmlFor="invite-email">Email</Label>
            <Input id="invite-email" name="email" type="email" required autoComplete="off" />
          </div>
          <div>
            <Label htmlFor="invite-role">Role</Label>
            <NativeSelect id="invite-role" name="role" defaultValue="member">
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </NativeSelect>
          </div>
        </ActionForm>
      )}
      {invitations.length > 0 && (
        <ul className="divide-y text-sm" aria-label="Open invitations">
          {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-testid="invitation-row">
                <span>
                  {inv.email} ({inv.role}) · {inv.expired ? 'expired' : `expires ${dateFormat.format(inv.expiresAt)}`}
                </span>
                <div className="flex gap-2">
                  <ActionForm action={resendInvitationAction} fields={{ invitationId: inv.id }} label="Resend" ariaLabel={`Resend invitation to ${inv.email}`} pendingLabel="Sending…" />
                  <ActionForm action={revokeInvitationAction} fields={{ invitationId: inv.id }} label="Revoke" ariaLabel={`Revoke invitation to ${inv.email}`} pendingLabel="Revoking…" />
                </div>
              </li>
          ))}
        </ul>
      )}
    </div>
  );
}
