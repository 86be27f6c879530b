import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FormError } from '@/components/ui/form-error';
import { TextLink } from '@/components/ui/text-link';
import { getCurrentUser } from '@/lib/auth/session';
import { AuthCard } from '../auth-card';
import { AuthForm } from '../auth-form';
import { OAuthButtons } from '../oauth-buttons';
import { readCallback, type LoginSearchParams } from '../search-params';

export const metadata: Metadata = { title: 'Sign in' };

// Auth.js sends OAuth failures here as ?error=<type>.
const oauthErrors: Record<string, string> = {
  OAuthAccountNotLinked: 'An account with this email already exists. Sign in the way you signed up, with your password or the other provider.',
  AccessDenied: 'That sign-in was refused. Your account needs an email address we can see.',
};

export default async function SignInPage({ searchParams }: { searchParams: LoginSearchParams }) {
  const { callbackUrl, query } = await readCallback(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);
  const { error } = await searchParams;
  const oauthError = typeof error === 'string' ? (oauthErrors[error] ?? 'Signing in did not work. Please try again.') : null;

  return (
    <AuthCard title="Sign in" prompt="No account yet?" link={{ href: `/sign-up${query}`, label: 'Sign up' }}>
      {oauthError && (
        <div className="mt-4">
          <FormError>{oauthError}</FormError>
        </div>
      )}
      <div className="mt-6">
        <AuthForm mode="sign-in" callbackUrl={callbackUrl} />
      </div>
      <p className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
        <TextLink href="/forgot-password">Forgot your password?</TextLink>
        <TextLink href="/sign-in/email-link">Email me a sign-in link</TextLink>
      </p>
      <OAuthButtons callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
