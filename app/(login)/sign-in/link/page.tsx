import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { magicLinkSignInAction } from '@/lib/auth/actions';
import { AuthCard } from '../../auth-card';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

/**
 * The emailed sign-in link. Opening it signs in only with the button: mail scanners that fetch every
 * link in a message would otherwise use up the single-use token before its owner clicks.
 */
export default async function MagicLinkPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Sign in" prompt="Link not working?" link={{ href: '/sign-in/email-link', label: 'Ask for a new one' }}>
      <ActionForm
        action={magicLinkSignInAction}
        fields={{ token: typeof token === 'string' ? token : '' }}
        label="Sign in with this link"
        pendingLabel="Signing in…"
        variant="default"
        className="mt-6 space-y-4"
        buttonClassName="w-full"
      />
    </AuthCard>
  );
}
