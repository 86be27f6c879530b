'use client';
// One button that sends one small form to a server action, with the action's answer beside it.
// A real <form>: it works before the page's script loads, and without JavaScript at all.
import { useActionState } from 'react';
import type { ActionResult, FormAction } from '@/lib/define-action';
import { ActionMessage } from './action-message';
import type { ButtonVariant } from './button';
import { ConfirmSubmit } from './confirm-submit';
import { SubmitButton } from './submit-button';

type Props<R extends ActionResult> = {
  action: FormAction<R>;
  /** Hidden fields sent with the form. */
  fields?: Record<string, string>;
  label: React.ReactNode;
  /** The button's accessible name when the visible label alone is ambiguous (several Retry buttons). */
  ariaLabel?: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  /** Asked in a dialog before sending, when JavaScript runs (a no-JS form sends at once). */
  confirm?: string;
  children?: React.ReactNode;
  className?: string;
  buttonClassName?: string;
};

export function ActionForm<R extends ActionResult>({
  action,
  fields = {},
  label,
  ariaLabel,
  pendingLabel,
  variant = 'outline',
  confirm,
  children,
  className = 'flex flex-wrap items-end gap-2',
  buttonClassName,
}: Props<R>) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {confirm ? (
        <ConfirmSubmit variant={variant} ariaLabel={ariaLabel} pendingLabel={pendingLabel} className={buttonClassName} question={confirm}>
          {label}
        </ConfirmSubmit>
      ) : (
        <SubmitButton variant={variant} ariaLabel={ariaLabel} pendingLabel={pendingLabel} className={buttonClassName}>
          {label}
        </SubmitButton>
      )}
      {state && <ActionMessage state={state} className="basis-full" />}
    </form>
  );
}
