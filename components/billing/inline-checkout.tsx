'use client';

import { useEffect, useRef, useState } from 'react';
import { buyPlan } from '@/app/(app)/pricing/actions';
import { openCheckout } from '@/lib/billing/checkout-opener';

const ELEMENT_ID = 'inline-checkout';

/** Starts (or reuses) the checkout session and shows it inline, beside the plan summary. */
export function InlineCheckout({ planId }: { planId: string }) {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // React may run effects twice in development; the server would reuse the session anyway.
    if (started.current) return;
    started.current = true;
    void (async () => {
      const result = await buyPlan({ planId });
      if (!result.ok) return setError(result.error);
      await openCheckout(result.checkoutUrl, { display: 'inline', elementId: ELEMENT_ID });
    })();
  }, [planId]);

  return (
    <section aria-label="Payment" className="min-h-[480px] rounded-xl border border-slate-200 bg-white p-2">
      {error ? (
        <p role="alert" className="p-4 text-sm text-red-700">
          {error}
        </p>
      ) : (
        <div id={ELEMENT_ID} className="w-full" />
      )}
    </section>
  );
}
