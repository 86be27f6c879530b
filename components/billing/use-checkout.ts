'use client';
// One checkout in the page (overlay or inline), driven by the server action and the checkout's events:
// the breakdown for the totals beside it, `checkout.status` for an instant "processing" state (access
// still comes only from the webhook), an expired link replaced by a fresh session, and the return
// through our own page (`manualRedirect`). `checkout.error` falls back to the hosted page in the opener.
import { startTransition, useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { buyPlan } from '@/lib/billing/actions';
import { openCheckout, type CheckoutEvent } from '@/lib/billing/checkout-opener';
import { useCheckoutTheme } from './checkout-theme';

export type CheckoutBreakdown = { subtotal: number; discount: number; tax: number; total: number; currency: string };

export type CheckoutPhase = 'idle' | 'open' | 'processing' | 'renewing' | 'closed' | 'expired';

/** An expired link is replaced at most this often in a row, so a session that is born expired cannot loop. */
const MAX_RENEWALS = 2;

function readBreakdown(message: unknown): CheckoutBreakdown | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  const amount = (key: string) => (typeof m[key] === 'number' ? (m[key] as number) : 0);
  const currency = typeof m.finalTotalCurrency === 'string' ? m.finalTotalCurrency : typeof m.currency === 'string' ? m.currency : null;
  if (!currency || typeof m.total !== 'number') return null;
  return { subtotal: amount('subTotal'), discount: amount('discount'), tax: amount('tax'), total: typeof m.finalTotal === 'number' ? m.finalTotal : amount('total'), currency };
}

const PAYMENT_UNDER_WAY = new Set(['succeeded', 'processing', 'requires_customer_action']);

export function useCheckout({ planId, display, elementId }: { planId: string; display: 'overlay' | 'inline'; elementId?: string }) {
  const [state, formAction, pending] = useActionState(buyPlan, null);
  const [phase, setPhase] = useState<CheckoutPhase>('idle');
  const [breakdown, setBreakdown] = useState<CheckoutBreakdown | null>(null);
  const renewals = useRef(0);
  const theme = useCheckoutTheme();

  // What the buyer last submitted, so a renewed session keeps it (a discount code). The form's action
  // stays the server action itself: only that still works with JavaScript off.
  const lastForm = useRef<FormData | null>(null);

  /** Starts (or resumes) the checkout without a form submit; `renew` replaces an expired link. */
  const start = useCallback(
    (renew = false) => {
      const form = new FormData();
      for (const [key, value] of lastForm.current ?? []) form.set(key, value);
      form.set('planId', planId);
      form.set('opener', display);
      form.set('theme', theme);
      if (renew) form.set('renew', 'expired');
      startTransition(() => formAction(form));
    },
    [planId, display, theme, formAction],
  );

  useEffect(() => {
    if (!state?.ok) return;
    const { checkoutUrl, returnPath } = state;
    const onEvent = (event: CheckoutEvent) => {
      const message = event.data?.message as Record<string, unknown> | string | undefined;
      switch (event.event_type) {
        case 'checkout.opened':
          setPhase('open');
          break;
        case 'checkout.breakdown':
          setBreakdown(readBreakdown(message));
          break;
        case 'checkout.status':
          if (typeof message === 'object' && PAYMENT_UNDER_WAY.has(String(message.status))) setPhase('processing');
          break;
        case 'checkout.link_expired':
          if (renewals.current >= MAX_RENEWALS) {
            setPhase('expired');
            break;
          }
          renewals.current += 1;
          setPhase('renewing');
          start(true);
          break;
        case 'checkout.redirect_requested':
          // Dodo's redirect target is our return URL; go to our own page for this order, whatever it says.
          window.location.assign(returnPath);
          break;
        case 'checkout.closed':
          setPhase('closed');
          break;
      }
    };
    void openCheckout(checkoutUrl, { display, elementId, manualRedirect: true, onEvent });
  }, [state, display, elementId, start]);

  /**
   * Starts over with these fields (a discount code typed beside an inline checkout). The open checkout stays
   * until the new one is ready; if the server refuses (a bad code), it stays, and `state` says why.
   */
  const restartWith = useCallback(
    (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      lastForm.current = form;
      renewals.current = 0;
      start();
    },
    [start],
  );

  /** The form's submit handler: a new attempt from the page, so earlier notices no longer apply. */
  const onSubmit = useCallback((event: FormEvent<HTMLFormElement>) => {
    lastForm.current = new FormData(event.currentTarget);
    renewals.current = 0;
    setPhase('idle');
  }, []);

  return { state, formAction, pending, start, restartWith, onSubmit, phase, breakdown };
}
