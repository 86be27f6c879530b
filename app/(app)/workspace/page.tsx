import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { InvitationsPanel } from '@/components/teams/invitations-list';
import { MembersTable } from '@/components/teams/members-table';
import { SeatsPanel } from '@/components/teams/seats-panel';
import { requireUser } from '@/lib/auth/session';
import { leaveWorkspaceAction } from '@/lib/teams/actions';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';
import { canManageMembers } from '@/lib/teams/roles';
import { getWorkspaceView } from '@/lib/teams/workspaces';

export const dynamic = 'force-dynamic';

export default async function WorkspacePage() {
  const user = await requireUser('/workspace');
  const { active } = await getActiveWorkspace(user.id);
  const view = await getWorkspaceView(active.id, user.id);
  if (!view) notFound();
  const { workspace, role, members, invitations, seats, teamActive } = view;
  const isTeam = workspace.kind === 'team';
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <div>
        <h1 className="text-2xl font-bold">{workspace.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {isTeam ? `Team workspace · you are ${role === 'admin' ? 'an admin' : `the ${role === 'owner' ? 'owner' : 'member'}`}` : 'Your personal workspace'}
        </p>
      </div>

      {!isTeam && (
        <section className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700">
          <p>A personal workspace is yours alone: Pro and the licence you buy stay here.</p>
          <p className="mt-2">
            To work with others, buy Team on the <Link className="text-indigo-700 underline" href="/pricing">pricing page</Link>: it comes with a
            shared workspace that you own, or accept an invitation to someone else&apos;s.
          </p>
        </section>
      )}

      {isTeam && (
        <>
          {!teamActive && (
            <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">
              This workspace&apos;s Team subscription is not active: its members have no Team access and nobody can be invited.
            </div>
          )}
          <section aria-labelledby="members-heading" className="rounded-xl border border-slate-200 bg-white p-6">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="members-heading" className="text-lg font-semibold">Members</h2>
              <p className="text-sm text-slate-600" data-testid="seats">
                {seats.taken} of {seats.paid} seats taken (members and open invitations)
              </p>
            </div>
            <MembersTable workspaceId={workspace.id} members={members} viewer={{ userId: user.id, role }} />
          </section>

          {canManageMembers(role) && teamActive && (
            <section aria-labelledby="seats-heading" className="rounded-xl border border-slate-200 bg-white p-6">
              <h2 id="seats-heading" className="text-lg font-semibold">Seats</h2>
              <p className="mt-1 text-sm text-slate-600" data-testid="seats-paid">
                {seats.paid} seats paid: {seats.included} included with the plan{seats.extra > 0 ? ` and ${seats.extra} bought` : ''}. More seats are billed
                on the subscription, prorated for this period; fewer than the seats in use cannot be chosen.
              </p>
              <div className="mt-3">
                <SeatsPanel workspaceId={workspace.id} paid={seats.paid} included={seats.included} />
              </div>
            </section>
          )}

          <section aria-labelledby="invitations-heading" className="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id="invitations-heading" className="text-lg font-semibold">Invitations</h2>
            <p className="mt-1 text-sm text-slate-600">
              {canManageMembers(role)
                ? 'Invite by email. The link works once, for 7 days, and only for the invited address.'
                : 'Only owners and admins invite people.'}
            </p>
            <div className="mt-3">
              <InvitationsPanel workspaceId={workspace.id} invitations={canManageMembers(role) ? invitations : []} canInvite={canManageMembers(role) && teamActive} />
            </div>
          </section>

          <section className="rounded-xl border border-slate-200 bg-white p-6">
            <h2 className="text-lg font-semibold">Leave</h2>
            <p className="mt-1 text-sm text-slate-600">You lose this workspace&apos;s Team access. The last owner must hand ownership over first.</p>
            <ActionForm action={leaveWorkspaceAction} fields={{ workspaceId: workspace.id }} label="Leave workspace" pendingLabel="Leaving…" className="mt-3" />
          </section>
        </>
      )}
    </main>
  );
}
