'use client';

import { useFormStatus } from 'react-dom';
import { Button, type ButtonVariant } from './button';

/** A form's submit button that is disabled, and says so, while the form's action runs. */
export function SubmitButton({ children, pendingLabel, variant, className }: { children: React.ReactNode; pendingLabel: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
