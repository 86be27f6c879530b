import type { Metadata } from 'next';
import { KeyRound } from 'lucide-react';
import { UpgradeNotice } from '@/components/billing/upgrade-notice';
import { CopyButton } from '@/components/copy-button';
import { StatusBadge } from '@/components/status-badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireUser } from '@/lib/auth/session';
import { getBillingOverview } from '@/lib/billing/account';
import { hasEntitlement } from '@/lib/billing/entitlements';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Licence' };

export default async function LicensePage() {
  const user = await requireUser('/license');
  const allowed = await hasEntitlement(user.id, 'license');
  const keys = allowed ? (await getBillingOverview(user.id)).licenseKeys : [];
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Desktop app licence</h1>
        <p className="mt-1 text-muted-foreground">Your key for the desktop app, and how to activate it.</p>
      </div>
      {!allowed ? (
        <UpgradeNotice feature="The desktop app" planHint="the Lifetime licence" />
      ) : keys.length === 0 ? (
        <EmptyState role="status" icon={<KeyRound aria-hidden />} title="Your licence is active; the key is on its way">
          It arrives with Dodo&apos;s licence key event, usually within a minute, and by email. Reload this page to see it.
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Licence keys" className="space-y-3">
            {keys.map((k) => (
              <Card as="li" key={k.id} className="p-5">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <code className="break-all font-mono text-base">{k.key}</code>
                  <div className="flex items-center gap-2">
                    <StatusBadge status={k.status} />
                    <CopyButton value={k.key} label={`Copy licence key ${k.key}`} />
                  </div>
                </div>
                <p className="mt-2 text-sm text-muted-foreground">
                  {k.activationsLimit ? `Activate it on up to ${k.activationsLimit} machines.` : 'No limit on activations.'}{' '}
                  {k.expiresAt ? `Valid until ${k.expiresAt.toISOString().slice(0, 10)}.` : 'It never expires.'}
                </p>
              </Card>
            ))}
          </ul>
          <Card>
            <CardHeader>
              <CardTitle>How to use your key</CardTitle>
              <CardDescription>The desktop app checks the key with Dodo Payments when you activate it.</CardDescription>
            </CardHeader>
            <ol className="list-decimal space-y-2 pl-5 text-sm">
              <li>Install the desktop app and open it.</li>
              <li>When it asks for a licence, paste the key above and give this machine a name.</li>
              <li>Each machine you activate uses one activation. A disabled or expired key stops working at the next check.</li>
            </ol>
            <p className="mt-4 text-sm text-muted-foreground">For developers, the app activates a key with Dodo&apos;s public licence API:</p>
            <pre className="mt-2 overflow-x-auto rounded-lg bg-muted p-3 text-xs">
              <code>{`POST /licenses/activate\n{ "license_key": "<your key>", "name": "my-laptop" }`}</code>
            </pre>
          </Card>
        </>
      )}
    </main>
  );
}
