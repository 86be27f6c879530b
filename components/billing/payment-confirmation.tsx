'use client';

import { useEffect, useState } from 'react';
import { Alert, AlertTitle } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';

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
      <Alert role="status" variant="success" className="p-6 text-base">
        <AlertTitle as="h2" className="text-xl">
          Payment confirmed
        </AlertTitle>
        <p className="mt-1">{state.headline}</p>
        <p className="mt-4 flex flex-wrap gap-4">
          <TextLink href={state.useAt.href}>{state.useAt.label}</TextLink>
          {state.useAt.href !== '/billing' && <TextLink href="/billing">Go to billing</TextLink>}
        </p>
      </Alert>
    );
  }
  return (
    <Card role="status" aria-live="polite">
      <h2 className="text-xl font-semibold">Confirming your payment…</h2>
      <p className="mt-1 text-muted-foreground">
        We grant access when Dodo confirms the payment to our server, not when the browser comes back.
      </p>
      {slow && (
        <p className="mt-3 text-muted-foreground">
          This is taking longer than usual. You can close this tab: your access will be there on your next visit once the
          payment is confirmed.
        </p>
      )}
    </Card>
  );
}
