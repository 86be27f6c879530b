import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { requestMagicLinkAction } from '@/lib/auth/actions';
import { AuthCard } from '../../auth-card';

export const metadata: Metadata = { title: 'Sign in with an email link', robots: { index: false } };

export default function EmailLinkPage() {
  return (
    <AuthCard title="Sign in with an email link" prompt="Rather use your password?" link={{ href: '/sign-in', label: 'Sign in with a password' }}>
      <p className="mt-4 text-sm text-muted-foreground">We will send your account&apos;s address a link that signs you in, once, within 15 minutes.</p>
      <ActionForm action={requestMagicLinkAction} label="Email me a sign-in link" pendingLabel="Sending…" variant="default" className="mt-4 space-y-4" buttonClassName="w-full">
        <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </ActionForm>
    </AuthCard>
  );
}
