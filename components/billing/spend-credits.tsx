'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { spendCreditsAction } from '@/lib/billing/actions';

/** A stand-in for a metered API call: spends 100 credits. `idempotencyKey` is new on every render of the page. */
export function SpendCredits({ idempotencyKey }: { idempotencyKey: string }) {
  const [state, formAction] = useActionState(spendCreditsAction, null);
  return (
    <form action={formAction} className="mt-2 space-y-1">
      <input type="hidden" name="amount" value="100" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SubmitButton variant="outline" pendingLabel="Using…">
        Use 100 credits
      </SubmitButton>
      {state && <ActionMessage state={state} />}
    </form>
  );
}
