import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { requestPasswordResetAction } from '@/lib/auth/actions';
import { AuthCard } from '../auth-card';

export const metadata: Metadata = { title: 'Forgot your password', robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" prompt="Remembered it?" link={{ href: '/sign-in', label: 'Sign in' }}>
      <p className="mt-4 text-sm text-muted-foreground">Enter your account&apos;s email address: we will send it a link to choose a new password.</p>
      <ActionForm action={requestPasswordResetAction} label="Send the link" pendingLabel="Sending…" variant="default" className="mt-4 space-y-4" buttonClassName="w-full">
        <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </ActionForm>
    </AuthCard>
  );
}
