import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/session';
import { AuthForm } from '../auth-form';
import { OAuthButtons } from '../oauth-buttons';
import { readCallback, type LoginSearchParams } from '../search-params';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage({ searchParams }: { searchParams: LoginSearchParams }) {
  const { callbackUrl, query } = await readCallback(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Already have one?{' '}
          <Link href={`/sign-in${query}`} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600">
            Sign in
          </Link>
        </p>
        <div className="mt-6">
          <AuthForm mode="sign-up" callbackUrl={callbackUrl} />
        </div>
        <OAuthButtons callbackUrl={callbackUrl} />
      </Card>
    </main>
  );
}
