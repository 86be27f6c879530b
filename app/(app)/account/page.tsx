import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { accountSettings } from '@/lib/auth/account';
import { changeEmailAction, changePasswordAction, deleteAccountAction, signOutEverywhereAction } from '@/lib/auth/account-actions';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { requireUser } from '@/lib/auth/session';
import { labelOf } from '@/lib/labels';

export const metadata: Metadata = { title: 'Account', robots: { index: false } };
export const dynamic = 'force-dynamic';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `account-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card as="section" aria-labelledby={id} className="space-y-3">
      <CardTitle id={id}>{title}</CardTitle>
      {children}
    </Card>
  );
}

export default async function AccountPage() {
  const user = await requireUser('/account');
  const { hasPassword, liveSubscriptions } = await accountSettings(user.id);
  // One field per form, each with its own id: a shared element would give three inputs one id.
  const currentPassword = (form: string) =>
    hasPassword && <Field id={`${form}-current-password`} label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />;
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Account</h1>
        <p className="mt-1 text-sm text-muted-foreground">Your sign-in details and sessions.</p>
      </div>

      <Section title="Email">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <strong className="break-all">{user.email}</strong>
          <Badge variant={user.emailVerified ? 'success' : 'warning'}>{user.emailVerified ? 'Verified' : 'Not verified yet'}</Badge>
        </p>
        <CardDescription>A new address is used only once you open the link we send to it.</CardDescription>
        <ActionForm action={changeEmailAction} label="Send a confirmation link" pendingLabel="Sending…" className="space-y-4">
          <Field label="New email" name="email" type="email" autoComplete="email" required maxLength={254} />
          {currentPassword('email')}
        </ActionForm>
      </Section>

      <Section title="Password">
        {hasPassword ? (
          <ActionForm action={changePasswordAction} label="Change password" pendingLabel="Saving…" className="space-y-4">
            {currentPassword('password')}
            <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} hint={`At least ${PASSWORD_MIN_LENGTH} characters. Every other browser is signed out.`} />
          </ActionForm>
        ) : (
          <CardDescription>You sign in without a password. To set one, use “Forgot your password?” on the sign-in page.</CardDescription>
        )}
      </Section>

      <Section title="Sessions">
        <CardDescription>Signs out every browser where you are signed in, this one included.</CardDescription>
        <ActionForm action={signOutEverywhereAction} label="Sign out everywhere" pendingLabel="Signing out…" />
      </Section>

      <Section title="Delete account">
        <div className="space-y-2 text-sm text-muted-foreground">
          <p>This cannot be undone. You lose access to everything you bought, and your email and name are removed.</p>
          {liveSubscriptions.length > 0 && (
            <Alert variant="warning" role="note">
              Your {liveSubscriptions.length === 1 ? 'subscription' : `${liveSubscriptions.length} subscriptions`} (
              {liveSubscriptions.map((s) => `${s.planName ?? 'a plan no longer offered'}, ${labelOf(s.status).toLowerCase()}`).join('; ')}) will be cancelled at once, with no refund
              for the rest of the period.
            </Alert>
          )}
          <p>Records of your payments are kept for accounting, without your email or name.</p>
        </div>
        <ActionForm action={deleteAccountAction} label="Delete my account" pendingLabel="Deleting…" variant="destructive" confirm="Delete your account for good?" className="space-y-4">
          <Field label="Type your email to confirm" name="confirmEmail" type="email" autoComplete="off" required maxLength={254} />
          {currentPassword('delete')}
        </ActionForm>
      </Section>
    </main>
  );
}
