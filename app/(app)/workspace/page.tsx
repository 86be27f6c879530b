import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { WorkspaceSwitcher } from '@/components/teams/workspace-switcher';
import { InvitationsPanel } from '@/components/teams/invitations-list';
import { MembersTable } from '@/components/teams/members-table';
import { SeatsPanel } from '@/components/teams/seats-panel';
import { requireUser } from '@/lib/auth/session';
import { leaveWorkspaceAction } from '@/lib/teams/actions';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';
import { canManageMembers } from '@/lib/teams/roles';
import { getWorkspaceView } from '@/lib/teams/workspaces';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Workspace' };

export default async function WorkspacePage() {
  const user = await requireUser('/workspace');
  const { active, workspaces } = await getActiveWorkspace(user.id);
  const view = await getWorkspaceView(active.id, user.id);
  if (!view) notFound();
  const { workspace, role, members, invitations, seats, teamActive } = view;
  const isTeam = workspace.kind === 'team';
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{workspace.name}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {isTeam ? `Team workspace · you are ${role === 'admin' ? 'an admin' : `the ${role === 'owner' ? 'owner' : 'member'}`}` : 'Your personal workspace'}
        </p>
      </div>

      {/* The header shows the switcher from the lg width up; below it, it is here. */}
      {workspaces.length > 1 && (
        <div className="lg:hidden">
          <WorkspaceSwitcher id="workspace-switcher-page" active={active} workspaces={workspaces} />
        </div>
      )}

      {!isTeam && (
        <Card className="text-sm text-muted-foreground">
          <p>A personal workspace is yours alone: Pro and the licence you buy stay here.</p>
          <p className="mt-2">
            To work with others, buy Team on the <TextLink href="/pricing">pricing page</TextLink>: it comes with a shared workspace that you own, or
            accept an invitation to someone else&apos;s.
          </p>
        </Card>
      )}

      {isTeam && (
        <>
          {!teamActive && (
            <Alert role="alert" variant="warning">
              This workspace&apos;s Team subscription is not active: its members have no Team access and nobody can be invited.
            </Alert>
          )}
          {/* Seats bought back at Dodo (its portal) below those in use: nobody is removed, nobody more is invited. */}
          {teamActive && seats.taken > seats.paid && (
            <Alert variant="warning" data-testid="over-seats">
              {seats.taken} seats are in use but {seats.paid} are paid. Everyone keeps access; nobody can be invited until{' '}
              {canManageMembers(role) ? 'you buy seats below or remove members or invitations' : 'an owner or admin buys seats or removes members'}.
            </Alert>
          )}
          <Card as="section" aria-labelledby="members-heading">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <CardTitle id="members-heading">Members</CardTitle>
              <p className="text-sm text-muted-foreground" data-testid="seats">
                {seats.taken} of {seats.paid} seats taken (members and open invitations)
              </p>
            </div>
            <MembersTable workspaceId={workspace.id} members={members} viewer={{ userId: user.id, role }} />
          </Card>

          {canManageMembers(role) && teamActive && (
            <Card as="section" aria-labelledby="seats-heading">
              <CardTitle id="seats-heading">Seats</CardTitle>
              <CardDescription className="mt-1" data-testid="seats-paid">
                {seats.paid} seats paid: {seats.included} included with the plan{seats.extra > 0 ? ` and ${seats.extra} bought` : ''}. More seats are billed
                on the subscription, prorated for this period; fewer than the seats in use cannot be chosen.
              </CardDescription>
              <div className="mt-3">
                <SeatsPanel workspaceId={workspace.id} paid={seats.paid} included={seats.included} />
              </div>
            </Card>
          )}

          <Card as="section" aria-labelledby="invitations-heading">
            <CardTitle id="invitations-heading">Invitations</CardTitle>
            <CardDescription className="mt-1">
              {canManageMembers(role)
                ? 'Invite by email. The link works once, for 7 days, and only for the invited address.'
                : 'Only owners and admins invite people.'}
            </CardDescription>
            <div className="mt-3">
              <InvitationsPanel workspaceId={workspace.id} invitations={canManageMembers(role) ? invitations : []} canInvite={canManageMembers(role) && teamActive} />
            </div>
          </Card>

          <Card as="section" aria-labelledby="leave-heading">
            <CardTitle id="leave-heading">Leave</CardTitle>
            <CardDescription className="mt-1">You lose this workspace&apos;s Team access. The last owner must hand ownership over first.</CardDescription>
            <ActionForm
              action={leaveWorkspaceAction}
              fields={{ workspaceId: workspace.id }}
              label="Leave workspace"
              pendingLabel="Leaving…"
              variant="destructive"
              confirm={`Leave ${workspace.name}? You lose its Team access until someone invites you again.`}
              className="mt-3"
            />
          </Card>
        </>
      )}
    </main>
  );
}
