'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

/** A stand-in for a metered API call: spends 100 credits through POST /api/credits/spend. */
export function SpendCredits() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const spend = () =>
    startTransition(async () => {
      setError(null);
      const res = await fetch('/api/credits/spend', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ amount: 100 }),
      });
      if (!res.ok) setError(((await res.json()) as { error: string }).error);
      router.refresh();
    });
  return (
    <div className="mt-2">
      <button type="button" onClick={spend} disabled={pending} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm">
        Use 100 credits
      </button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
