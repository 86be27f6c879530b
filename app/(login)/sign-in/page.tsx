import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/session';
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
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          No account yet?{' '}
          <Link href={`/sign-up${query}`} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600">
            Sign up
          </Link>
        </p>
        {oauthError && (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {oauthError}
          </p>
        )}
        <div className="mt-6">
          <AuthForm mode="sign-in" callbackUrl={callbackUrl} />
        </div>
        <OAuthButtons callbackUrl={callbackUrl} />
      </Card>
    </main>
  );
}
