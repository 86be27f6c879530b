import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { getCurrentUser } from '@/lib/auth/session';
import { acceptInvitationAction } from '@/lib/teams/actions';
import { describeInvitation } from '@/lib/teams/invitations';

export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([describeInvitation(token), getCurrentUser()]);
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <main className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-bold">Workspace invitation</h1>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
        {!invitation.ok ? (
          <p role="alert" className="text-red-800">
            {invitation.error}
          </p>
        ) : (
          <>
            <p>
              You are invited to <strong>{invitation.workspaceName}</strong> as {invitation.role === 'admin' ? 'an admin' : 'a member'}. The invitation is
              for <strong>{invitation.email}</strong>.
            </p>
            {user ? (
              <ActionForm action={acceptInvitationAction} fields={{ token }} label="Accept invitation" pendingLabel="Joining…" variant="primary" className="mt-4" />
            ) : (
              <p className="mt-4 text-sm">
                <Link className="font-medium text-indigo-700 underline" href={`/sign-up?${new URLSearchParams({ callbackUrl: here })}`}>
                  Sign up
                </Link>{' '}
                or{' '}
                <Link className="font-medium text-indigo-700 underline" href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`}>
                  sign in
                </Link>{' '}
                with {invitation.email} to accept.
              </p>
            )}
          </>
        )}
      </div>
    </main>
  );
}
