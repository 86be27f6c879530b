'use client';

import { useState, useTransition } from 'react';
import { buyPlan } from '@/app/(app)/pricing/actions';
import { openCheckout, type CheckoutEvent, type DisplayMode } from '@/lib/billing/checkout-opener';

type Props = { planId: string; label: string; display: Exclude<DisplayMode, 'inline'> };

/** Starts the checkout on the server, then opens it as an overlay (or the hosted page). */
export function BuyButton({ planId, label, display }: Props) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onEvent = (event: CheckoutEvent) => {
    if (event.event_type === 'checkout.closed') {
      setNotice('Checkout closed. Nothing was charged; your order stays open if you want to continue.');
    }
  };

  const buy = () =>
    startTransition(async () => {
      setError(null);
      setNotice(null);
      const result = await buyPlan({ planId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      await openCheckout(result.checkoutUrl, { display, onEvent });
    });

  return (
    <div className="mt-4 space-y-2">
      <button
        type="button"
        onClick={buy}
        disabled={pending}
        aria-busy={pending}
        className="w-full rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? 'Opening checkout…' : label}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-slate-600">
          {notice}
        </p>
      )}
    </div>
  );
}
