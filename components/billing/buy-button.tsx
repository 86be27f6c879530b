'use client';

import { useSyncExternalStore } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SubmitButton } from '@/components/ui/submit-button';
import type { DisplayMode } from '@/lib/billing/checkout-opener';
import { CheckoutNotice } from './checkout-notice';
import { useCheckout } from './use-checkout';
import { useCheckoutTheme } from './checkout-theme';

const noSubscription = () => () => {};

type Props = { planId: string; label: string; display: Exclude<DisplayMode, 'inline'> };

/**
 * Starts the checkout on the server. With JavaScript and the overlay style the page opens it as an
 * overlay; otherwise (hosted style, or before the script runs) the server redirects to the hosted page.
 */
export function BuyButton({ planId, label, display }: Props) {
  const { state, formAction, phase, onSubmit } = useCheckout({ planId, display: 'overlay' });
  // Only a page whose script runs can open an overlay: until then the form asks for the hosted redirect.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const theme = useCheckoutTheme();

  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="planId" value={planId} />
      {scripted && display === 'overlay' && <input type="hidden" name="opener" value="overlay" />}
      {scripted && <input type="hidden" name="theme" value={theme} />}
      <div>
        <Label htmlFor={`discount-${planId}`}>Discount code (optional)</Label>
        <Input id={`discount-${planId}`} name="discountCode" autoComplete="off" maxLength={64} />
      </div>
      <SubmitButton className="w-full" pendingLabel="Opening checkout…">
        {label}
      </SubmitButton>
      {state?.ok === false && (
        <p role="alert" className="text-sm text-destructive">
          {state.error}
        </p>
      )}
      <CheckoutNotice phase={phase} />
    </form>
  );
}
