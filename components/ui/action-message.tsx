'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { toast } from 'sonner';
import type { ActionState } from '@/lib/define-action';
import { cn } from '@/lib/utils';

const noSubscription = () => () => {};

type Props = {
  state: ActionState;
  className?: string;
  /** Also show a success as a toast (once JavaScript runs); off for answers that are not results, such as a preview. */
  toastOnSuccess?: boolean;
};

/**
 * What a form's action answered, beside the form: a status when it worked, an alert when it did not.
 * The line stays on the page (it is all a browser without JavaScript gets); a success also pops a toast.
 */
export function ActionMessage({ state, className, toastOnSuccess = true }: Props) {
  const failed = state?.ok === false;
  const text = state ? (state.ok ? state.message : state.error) : undefined;
  // Hydrating (false) or rendered in the browser (true): an answer that came with the page was posted without JavaScript.
  const rendered = useSyncExternalStore(noSubscription, () => true, () => false);
  const arrivedWithPage = useRef(rendered ? null : state);
  useEffect(() => {
    if (toastOnSuccess && state?.ok && state.message && state !== arrivedWithPage.current) toast.success(state.message);
  }, [state, toastOnSuccess]);
  return (
    <p role={failed ? 'alert' : 'status'} className={cn('text-sm', failed ? 'text-destructive' : 'text-success', className)}>
      {text ?? ''}
    </p>
  );
}
