'use client';

import { useFormStatus } from 'react-dom';
import { LoaderCircle } from 'lucide-react';
import { Button, type ButtonVariant } from './button';

type Props = {
  children: React.ReactNode;
  pendingLabel: string;
  variant?: ButtonVariant;
  className?: string;
  /** The button's accessible name when the visible label alone is ambiguous (several Retry buttons). */
  ariaLabel?: string;
};

/** A form's submit button that is disabled, and says so with a spinner, while the form's action runs. */
export function SubmitButton({ children, pendingLabel, variant, className, ariaLabel }: Props) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending} aria-label={ariaLabel} aria-busy={pending || undefined}>
      <PendingLabel pending={pending} pendingLabel={pendingLabel}>
        {children}
      </PendingLabel>
    </Button>
  );
}

/** A submit button's text: its label, or a spinner and `pendingLabel` while the form's action runs. */
export function PendingLabel({ pending, pendingLabel, children }: { pending: boolean; pendingLabel: string; children: React.ReactNode }) {
  return pending ? (
    <>
      <LoaderCircle className="animate-spin" aria-hidden />
      {pendingLabel}
    </>
  ) : (
    children
  );
}
