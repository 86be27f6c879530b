import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/card';
import { confirmEmailChangeAction } from '@/lib/auth/account-actions';

export const metadata: Metadata = { title: 'Confirm your new email', robots: { index: false } };

/** The link mailed to a new address: the change applies with the button (a mail scanner's fetch changes nothing). */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Confirm your new email</h1>
        <p className="mt-2 text-sm text-muted-foreground">Your account will use this address from now on.</p>
        <ActionForm action={confirmEmailChangeAction} fields={{ token: typeof token === 'string' ? token : '' }} label="Use this address" pendingLabel="Saving…" variant="default" className="mt-4 space-y-3" />
      </Card>
    </main>
  );
}
