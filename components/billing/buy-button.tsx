'use client';

import { useActionState, useEffect, useState, useSyncExternalStore } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SubmitButton } from '@/components/ui/submit-button';
import { buyPlan } from '@/lib/billing/actions';
import { openCheckout, type CheckoutEvent, type DisplayMode } from '@/lib/billing/checkout-opener';

const noSubscription = () => () => {};

type Props = { planId: string; label: string; display: Exclude<DisplayMode, 'inline'> };

/**
 * Starts the checkout on the server. With JavaScript and the overlay style the page opens it as an
 * overlay; otherwise (hosted style, or before the script runs) the server redirects to the hosted page.
 */
export function BuyButton({ planId, label, display }: Props) {
  const [state, formAction] = useActionState(buyPlan, null);
  const [notice, setNotice] = useState<string | null>(null);
  // Only a page whose script runs can open an overlay: until then the form asks for the hosted redirect.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);

  useEffect(() => {
    if (!state?.ok) return;
    const onEvent = (event: CheckoutEvent) => {
      if (event.event_type === 'checkout.closed') {
        setNotice('Checkout closed. Nothing was charged; your order stays open if you want to continue.');
      }
    };
    void openCheckout(state.checkoutUrl, { display: 'overlay', onEvent });
  }, [state]);

  return (
    <form action={formAction} onSubmit={() => setNotice(null)} className="mt-4 space-y-2">
      <input type="hidden" name="planId" value={planId} />
      {scripted && display === 'overlay' && <input type="hidden" name="opener" value="overlay" />}
      <div>
        <Label htmlFor={`discount-${planId}`}>Discount code (optional)</Label>
        <Input id={`discount-${planId}`} name="discountCode" autoComplete="off" maxLength={64} />
      </div>
      <SubmitButton className="w-full" pendingLabel="Opening checkout…">
        {label}
      </SubmitButton>
      {state?.ok === false && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-slate-600">
          {notice}
        </p>
      )}
    </form>
  );
}
