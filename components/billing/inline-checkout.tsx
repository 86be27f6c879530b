'use client';

import { useActionState, useEffect, useRef, startTransition } from 'react';
import { buyPlan } from '@/lib/billing/actions';
import { openCheckout } from '@/lib/billing/checkout-opener';

const ELEMENT_ID = 'inline-checkout';

/** Starts (or reuses) the checkout session and shows it inline, beside the plan summary. */
export function InlineCheckout({ planId }: { planId: string }) {
  const [state, formAction] = useActionState(buyPlan, null);
  const started = useRef(false);

  useEffect(() => {
    // React may run effects twice in development; the server would reuse the session anyway.
    if (started.current) return;
    started.current = true;
    const form = new FormData();
    form.set('planId', planId);
    form.set('opener', 'inline');
    startTransition(() => formAction(form));
  }, [planId, formAction]);

  useEffect(() => {
    if (state?.ok) void openCheckout(state.checkoutUrl, { display: 'inline', elementId: ELEMENT_ID });
  }, [state]);

  return (
    <section aria-label="Payment" className="min-h-[480px] rounded-xl border border-slate-200 bg-white p-2">
      {state?.ok === false ? (
        <p role="alert" className="p-4 text-sm text-red-700">
          {state.error}
        </p>
      ) : (
        <div id={ELEMENT_ID} className="w-full" />
      )}
      <noscript>
        <form action={formAction} className="p-4">
          <input type="hidden" name="planId" value={planId} />
          <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white">
            Continue to the secure checkout page
          </button>
        </form>
      </noscript>
    </section>
  );
}
