import Link from 'next/link';

/** Shown by gated pages when `hasEntitlement` says no. */
export function UpgradeNotice({ feature, planHint }: { feature: string; planHint: string }) {
  return (
    <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6">
      <h2 className="text-lg font-semibold text-amber-900">{feature} needs {planHint}</h2>
      <p className="mt-1 text-amber-800">Your account does not include it right now.</p>
      <Link href="/pricing" className="mt-4 inline-block font-medium text-indigo-700 underline">
        See plans
      </Link>
    </div>
  );
}
