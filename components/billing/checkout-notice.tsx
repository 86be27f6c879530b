import type { CheckoutPhase } from './use-checkout';

const NOTICES: Partial<Record<CheckoutPhase, string>> = {
  processing: 'Payment received by Dodo. Confirming it now; your access starts as soon as Dodo confirms.',
  renewing: 'That checkout link expired. Opening a fresh one…',
  expired: 'This checkout link expired. Start the checkout again to get a fresh one.',
  closed: 'Checkout closed. Nothing was charged; your order stays open if you want to continue.',
};

/** What the open checkout is doing, in words, for the page around it. */
export function CheckoutNotice({ phase, className }: { phase: CheckoutPhase; className?: string }) {
  const notice = NOTICES[phase];
  if (!notice) return null;
  return (
    <p role="status" data-testid="checkout-notice" className={className ?? 'text-sm text-muted-foreground'}>
      {notice}
    </p>
  );
}
