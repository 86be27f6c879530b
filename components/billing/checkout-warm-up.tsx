'use client';
// Before any click on Buy: a connection to the checkout's host, and its opener script loaded once the
// page is idle, so a click waits only for its checkout session.
import { useEffect } from 'react';
import { preconnect } from 'react-dom';
import { preloadCheckoutOpener } from '@/lib/billing/checkout-opener';

export function CheckoutWarmUp({ checkoutOrigin }: { checkoutOrigin: string }) {
  preconnect(checkoutOrigin);
  useEffect(() => {
    const load = () => preloadCheckoutOpener(checkoutOrigin);
    // Safari has no requestIdleCallback: a short timeout stands in.
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(load, 200);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(load, { timeout: 1000 });
    return () => window.cancelIdleCallback(idle);
  }, [checkoutOrigin]);
  return null;
}
