'use client';

import { useEffect, useRef, useSyncExternalStore, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { formatPrice } from '@/lib/billing/format';
import { CheckoutNotice } from './checkout-notice';
import { useCheckout, type CheckoutBreakdown } from './use-checkout';

const ELEMENT_ID = 'inline-checkout';
const noSubscription = () => () => {};

/** The recurring terms an inline checkout must show beside it (Dodo's inline-checkout requirement). */
export type SubscriptionTerms = { priceCents: number; currency: string; interval: 'month' | 'year'; trialDays: number };

/** Starts (or reuses) the checkout session and shows it inline, with Dodo's live totals beside it. */
export function InlineCheckout({ planId, terms }: { planId: string; terms: SubscriptionTerms | null }) {
  const { state, formAction, pending, start, restartWith, phase, breakdown } = useCheckout({ planId, display: 'inline', elementId: ELEMENT_ID });
  const started = useRef(false);
  // The skeleton only where a script will replace it: without JavaScript the <noscript> form is the page.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const loading = scripted && phase === 'idle' && state?.ok !== false;

  useEffect(() => {
    // React may run effects twice in development; the server would reuse the session anyway.
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  return (
    <Card as="section" aria-label="Payment" aria-busy={loading} className="min-h-[480px] space-y-3 p-2">
      <Totals breakdown={breakdown} terms={terms} />
      {scripted && <DiscountCodeForm pending={pending} onApply={(discountCode) => restartWith({ discountCode })} />}
      <CheckoutNotice phase={phase} className="px-4 text-sm text-muted-foreground" />
      {state?.ok === false && (
        <Alert role="alert" variant="destructive">
          {state.error}
        </Alert>
      )}
      {/* Kept after a refusal: a checkout already open (before a bad code was tried) still works. */}
      {state?.ok !== false || phase !== 'idle' ? (
        <>
          {loading && (
            <div className="space-y-4 p-4">
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
              <div className="flex gap-4">
                <Skeleton className="h-10 flex-1" />
                <Skeleton className="h-10 flex-1" />
              </div>
              <Skeleton className="h-11 w-full" />
            </div>
          )}
          <div id={ELEMENT_ID} className="w-full" />
        </>
      ) : null}
      <noscript>
        <form action={formAction} className="p-4">
          <input type="hidden" name="planId" value={planId} />
          <Button type="submit">Continue to the secure checkout page</Button>
        </form>
      </noscript>
    </Card>
  );
}

/** A code typed beside the checkout: checked at Dodo, then a new session carries it (an empty field drops it). */
function DiscountCodeForm({ pending, onApply }: { pending: boolean; onApply: (code: string) => void }) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(String(new FormData(event.currentTarget).get('discountCode') ?? ''));
  };
  return (
    <form onSubmit={onSubmit} className="flex items-end gap-2 px-4">
      <div className="flex-1">
        <Label htmlFor="inline-discount">Discount code (optional)</Label>
        <Input id="inline-discount" name="discountCode" autoComplete="off" maxLength={64} />
      </div>
      <Button type="submit" variant="outline" disabled={pending}>
        {pending ? 'Applying…' : 'Apply'}
      </Button>
    </form>
  );
}

/** Subtotal, tax and total in the checkout's currency, as Dodo computes them for the buyer's country. */
function Totals({ breakdown, terms }: { breakdown: CheckoutBreakdown | null; terms: SubscriptionTerms | null }) {
  const money = (cents: number) => formatPrice(cents, breakdown!.currency);
  return (
    <div className="px-4 pt-2 text-sm">
      {breakdown ? (
        <DescriptionList aria-label="Order total" className="grid-cols-[1fr_auto]">
          <dt>Subtotal</dt>
          <dd data-testid="breakdown-subtotal">{money(breakdown.subtotal)}</dd>
          {breakdown.discount > 0 && (
            <>
              <dt>Discount</dt>
              <dd data-testid="breakdown-discount">-{money(breakdown.discount)}</dd>
            </>
          )}
          <dt>Tax</dt>
          <dd data-testid="breakdown-tax">{money(breakdown.tax)}</dd>
          <dt className="font-semibold text-foreground">{terms && terms.trialDays > 0 ? 'Due today' : 'Total'}</dt>
          <dd data-testid="breakdown-total" className="font-semibold">
            {money(breakdown.total)} <span className="text-muted-foreground">{breakdown.currency}</span>
          </dd>
        </DescriptionList>
      ) : (
        <p className="text-muted-foreground">Calculating the total for your country…</p>
      )}
      {terms && (
        <p data-testid="subscription-terms" className="mt-2 text-muted-foreground">
          {termsText(terms)}
        </p>
      )}
    </div>
  );
}

function termsText(t: SubscriptionTerms): string {
  const price = `${formatPrice(t.priceCents, t.currency)} per ${t.interval} plus any tax`;
  const renewal = `Renews every ${t.interval} until you cancel; cancel any time from the billing page.`;
  return t.trialDays > 0 ? `Free for ${t.trialDays} days, then ${price}. ${renewal}` : `${price}. ${renewal}`;
}
