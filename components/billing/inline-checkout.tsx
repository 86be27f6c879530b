'use client';

import { useEffect, useRef } from 'react';
import { formatPrice } from '@/lib/billing/format';
import { CheckoutNotice } from './checkout-notice';
import { useCheckout, type CheckoutBreakdown } from './use-checkout';

const ELEMENT_ID = 'inline-checkout';

/** The recurring terms an inline checkout must show beside it (Dodo's inline-checkout requirement). */
export type SubscriptionTerms = { priceCents: number; currency: string; interval: 'month' | 'year'; trialDays: number };

/** Starts (or reuses) the checkout session and shows it inline, with Dodo's live totals beside it. */
export function InlineCheckout({ planId, terms }: { planId: string; terms: SubscriptionTerms | null }) {
  const { state, formAction, start, phase, breakdown } = useCheckout({ planId, display: 'inline', elementId: ELEMENT_ID });
  const started = useRef(false);

  useEffect(() => {
    // React may run effects twice in development; the server would reuse the session anyway.
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  return (
    <section aria-label="Payment" className="min-h-[480px] space-y-3 rounded-xl border border-slate-200 bg-white p-2">
      <Totals breakdown={breakdown} terms={terms} />
      <CheckoutNotice phase={phase} className="px-4 text-sm text-slate-600" />
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

/** Subtotal, tax and total in the checkout's currency, as Dodo computes them for the buyer's country. */
function Totals({ breakdown, terms }: { breakdown: CheckoutBreakdown | null; terms: SubscriptionTerms | null }) {
  const money = (cents: number) => formatPrice(cents, breakdown!.currency);
  return (
    <div className="px-4 pt-2 text-sm">
      {breakdown ? (
        <dl aria-label="Order total" className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1">
          <dt className="text-slate-500">Subtotal</dt>
          <dd data-testid="breakdown-subtotal">{money(breakdown.subtotal)}</dd>
          {breakdown.discount > 0 && (
            <>
              <dt className="text-slate-500">Discount</dt>
              <dd data-testid="breakdown-discount">-{money(breakdown.discount)}</dd>
            </>
          )}
          <dt className="text-slate-500">Tax</dt>
          <dd data-testid="breakdown-tax">{money(breakdown.tax)}</dd>
          <dt className="font-semibold">{terms && terms.trialDays > 0 ? 'Due today' : 'Total'}</dt>
          <dd data-testid="breakdown-total" className="font-semibold">
            {money(breakdown.total)} <span className="text-slate-500">{breakdown.currency}</span>
          </dd>
        </dl>
      ) : (
        <p className="text-slate-500">Calculating the total for your country…</p>
      )}
      {terms && <p data-testid="subscription-terms" className="mt-2 text-slate-600">{termsText(terms)}</p>}
    </div>
  );
}

function termsText(t: SubscriptionTerms): string {
  const price = `${formatPrice(t.priceCents, t.currency)} per ${t.interval} plus any tax`;
  const renewal = `Renews every ${t.interval} until you cancel; cancel any time from the billing page.`;
  return t.trialDays > 0 ? `Free for ${t.trialDays} days, then ${price}. ${renewal}` : `${price}. ${renewal}`;
}
