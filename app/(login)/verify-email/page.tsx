import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { verifyEmailWithToken } from '@/lib/auth/verification';

export const metadata: Metadata = { title: 'Verify your email', robots: { index: false } };
export const dynamic = 'force-dynamic';

/** The verification email's link: the token is single-use, so reloading the page says it was used. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const verified = typeof token === 'string' && (await verifyEmailWithToken(token));
  return (
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">{verified ? 'Email verified' : 'This link does not work'}</h1>
        <p role="status" className="mt-2 text-sm text-muted-foreground">
          {verified
            ? 'Thank you: your email address is confirmed. You can buy a plan now.'
            : 'It was already used, has expired, or is not complete. Sign in and ask for a new link from the banner at the top.'}
        </p>
        <p className="mt-4">
          <TextLink href={verified ? '/pricing' : '/sign-in'}>{verified ? 'See plans' : 'Sign in'}</TextLink>
        </p>
      </Card>
    </main>
  );
}
