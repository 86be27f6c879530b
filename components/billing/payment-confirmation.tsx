'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

type Fulfilment = { status: string; planName: string; granted: boolean; headline: string; useAt: { href: string; label: string } };

const POLL_MS = 1000;
const SLOW_AFTER_MS = 10_000;

/** Waits for the webhook: polls the order until the database shows it paid and the access granted. */
export function PaymentConfirmation({ orderId, initial }: { orderId: string; initial: Fulfilment }) {
  const [state, setState] = useState(initial);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (state.granted) return;
    const started = Date.now();
    const timer = setInterval(async () => {
      setSlow(Date.now() - started > SLOW_AFTER_MS);
      const res = await fetch(`/api/orders/${orderId}`, { cache: 'no-store' });
      if (res.ok) setState(await res.json());
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [orderId, state.granted]);

  if (state.granted) {
    return (
      <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-6">
        <h2 className="text-xl font-semibold text-emerald-900">Payment confirmed</h2>
        <p className="mt-1 text-emerald-800">{state.headline}</p>
        <p className="mt-4 flex gap-4">
          <Link className="font-medium text-indigo-700 underline" href={state.useAt.href}>
            {state.useAt.label}
          </Link>
          {state.useAt.href !== '/billing' && (
            <Link className="font-medium text-indigo-700 underline" href="/billing">
              Go to billing
            </Link>
          )}
        </p>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 className="text-xl font-semibold">Confirming your payment…</h2>
      <p className="mt-1 text-slate-600">
        We grant access when Dodo confirms the payment to our server, not when the browser comes back.
      </p>
      {slow && (
        <p className="mt-3 text-slate-600">
          This is taking longer than usual. You can close this tab: your access will be there on your next visit once the
          payment is confirmed.
        </p>
      )}
    </div>
  );
}
