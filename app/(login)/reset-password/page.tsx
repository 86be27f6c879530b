import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { resetPasswordAction } from '@/lib/auth/actions';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { AuthCard } from '../auth-card';

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false } };

/** The reset email's link: the token is used only when the form is sent, so opening the page changes nothing. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Choose a new password" prompt="Link not working?" link={{ href: '/forgot-password', label: 'Ask for a new one' }}>
      <p className="mt-4 text-sm text-muted-foreground">Setting it signs you out everywhere else.</p>
      <ActionForm
        action={resetPasswordAction}
        fields={{ token: typeof token === 'string' ? token : '' }}
        label="Set the new password"
        pendingLabel="Saving…"
        variant="default"
        className="mt-4 space-y-4"
        buttonClassName="w-full"
      >
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        />
      </ActionForm>
    </AuthCard>
  );
}
