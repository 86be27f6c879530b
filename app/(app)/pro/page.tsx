import { UpgradeNotice } from '@/components/billing/upgrade-notice';
import { requireUser } from '@/lib/auth/session';
import { hasEntitlement } from '@/lib/billing/entitlements';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';

export const dynamic = 'force-dynamic';

export default async function ProPage() {
  const user = await requireUser('/pro');
  const { active } = await getActiveWorkspace(user.id);
  const allowed = await hasEntitlement({ userId: user.id, workspaceId: active.id }, 'pro');
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
