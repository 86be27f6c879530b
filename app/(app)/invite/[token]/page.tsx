import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { getCurrentUser } from '@/lib/auth/session';
import { acceptInvitationAction } from '@/lib/teams/actions';
import { describeInvitation } from '@/lib/teams/invitations';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Workspace invitation', robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([describeInvitation(token), getCurrentUser()]);
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <main className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Workspace invitation</h1>
      <Card className="mt-6">
        {!invitation.ok ? (
          <Alert role="alert" variant="destructive">
            {invitation.error}
          </Alert>
        ) : (
          <>
            <p>
              You are invited to <strong>{invitation.workspaceName}</strong> as {invitation.role === 'admin' ? 'an admin' : 'a member'}. The invitation is
              for <strong>{invitation.email}</strong>.
            </p>
            {user ? (
              <ActionForm action={acceptInvitationAction} fields={{ token }} label="Accept invitation" pendingLabel="Joining…" variant="default" className="mt-4" />
            ) : (
              <p className="mt-4 text-sm">
                <TextLink href={`/sign-up?${new URLSearchParams({ callbackUrl: here })}`}>Sign up</TextLink> or{' '}
                <TextLink href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`}>sign in</TextLink>{' '}
                with {invitation.email} to accept.
              </p>
            )}
          </>
        )}
      </Card>
    </main>
  );
}
