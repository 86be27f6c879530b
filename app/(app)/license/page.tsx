import { UpgradeNotice } from '@/components/billing/upgrade-notice';
import { requireUser } from '@/lib/auth/session';
import { getBillingOverview } from '@/lib/billing/account';
import { hasEntitlement } from '@/lib/billing/entitlements';

export const dynamic = 'force-dynamic';

export default async function LicensePage() {
  const user = await requireUser('/license');
  const allowed = await hasEntitlement(user.id, 'license');
  const keys = allowed ? (await getBillingOverview(user.id)).licenseKeys : [];
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-bold">Desktop app licence</h1>
      <div className="mt-6">
        {!allowed ? (
          <UpgradeNotice feature="The desktop app" planHint="the Lifetime licence" />
        ) : keys.length === 0 ? (
          <p role="status">Your licence is active; the key is on its way (it arrives with Dodo&apos;s licence key event).</p>
        ) : (
          <ul aria-label="Licence keys" className="space-y-2">
            {keys.map((k) => (
              <li key={k.id} className="rounded-lg border border-slate-200 bg-white p-4 font-mono">
                {k.key} <span className="ml-2 font-sans text-sm text-slate-500">({k.status})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
