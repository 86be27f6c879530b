import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/card';
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
    <section aria-labelledby={id}>
      <Card>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </Card>
    </section>
  );
}

export default async function AccountPage() {
  const user = await requireUser('/account');
  const { hasPassword, liveSubscriptions } = await accountSettings(user.id);
  // One field per form, each with its own id: a shared element would give three inputs one id.
  const currentPassword = (form: string) =>
    hasPassword && <Field id={`${form}-current-password`} label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />;
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-10">
      <h1 className="text-2xl font-bold">Account</h1>

      <Section title="Email">
        <p className="mt-2 text-sm text-slate-700">
          <strong className="break-all">{user.email}</strong> {user.emailVerified ? '(verified)' : '(not verified yet)'}
        </p>
        <p className="mt-2 text-sm text-slate-600">A new address is used only once you open the link we send to it.</p>
        <ActionForm action={changeEmailAction} label="Send a confirmation link" pendingLabel="Sending…" className="mt-4 space-y-4">
          <Field label="New email" name="email" type="email" autoComplete="email" required maxLength={254} />
          {currentPassword('email')}
        </ActionForm>
      </Section>

      <Section title="Password">
        {hasPassword ? (
          <ActionForm action={changePasswordAction} label="Change password" pendingLabel="Saving…" className="mt-4 space-y-4">
            {currentPassword('password')}
            <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} hint={`At least ${PASSWORD_MIN_LENGTH} characters. Every other browser is signed out.`} />
          </ActionForm>
        ) : (
          <p className="mt-2 text-sm text-slate-700">You sign in without a password. To set one, use “Forgot your password?” on the sign-in page.</p>
        )}
      </Section>

      <Section title="Sessions">
        <p className="mt-2 text-sm text-slate-700">Signs out every browser where you are signed in, this one included.</p>
        <ActionForm action={signOutEverywhereAction} label="Sign out everywhere" pendingLabel="Signing out…" className="mt-4" />
      </Section>

      <Section title="Delete account">
        <div className="mt-2 space-y-2 text-sm text-slate-700">
          <p>This cannot be undone. You lose access to everything you bought, and your email and name are removed.</p>
          {liveSubscriptions.length > 0 && (
            <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" role="note">
              Your {liveSubscriptions.length === 1 ? 'subscription' : `${liveSubscriptions.length} subscriptions`} ({liveSubscriptions.map((s) => `${s.planId ?? 'plan'}, ${labelOf(s.status)}`).join('; ')}) will be cancelled at once, with no refund for the rest of the period.
            </p>
          )}
          <p>Records of your payments are kept for accounting, without your email or name.</p>
        </div>
        <ActionForm action={deleteAccountAction} label="Delete my account" pendingLabel="Deleting…" confirm="Delete your account for good?" className="mt-4 space-y-4">
          <Field label="Type your email to confirm" name="confirmEmail" type="email" autoComplete="off" required maxLength={254} />
          {currentPassword('delete')}
        </ActionForm>
      </Section>
    </main>
  );
}
