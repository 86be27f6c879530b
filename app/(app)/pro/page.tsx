import { UpgradeNotice } from '@/components/billing/upgrade-notice';
import { requireUser } from '@/lib/auth/session';
import { hasEntitlement } from '@/lib/billing/entitlements';

export const dynamic = 'force-dynamic';

export default async function ProPage() {
  const user = await requireUser('/pro');
  const allowed = await hasEntitlement(user.id, 'pro');
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-bold">Pro dashboard</h1>
      <div className="mt-6">
        {allowed ? (
          <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-6 text-emerald-900">
            Welcome to Pro, {user.name ?? user.email}. Everything here is unlocked.
          </p>
        ) : (
          <UpgradeNotice feature="The Pro dashboard" planHint="Pro or Team" />
        )}
      </div>
    </main>
  );
}
