import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { AuthCard } from '../auth-card';
import { AuthForm } from '../auth-form';
import { OAuthButtons } from '../oauth-buttons';
import { readCallback, type LoginSearchParams } from '../search-params';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage({ searchParams }: { searchParams: LoginSearchParams }) {
  const { callbackUrl, query } = await readCallback(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <AuthCard title="Create your account" prompt="Already have one?" link={{ href: `/sign-in${query}`, label: 'Sign in' }}>
      <div className="mt-6">
        <AuthForm mode="sign-up" callbackUrl={callbackUrl} />
      </div>
      <OAuthButtons callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
