'use client';
// A small form that runs an admin server action and says what happened beside its button.
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import type { AdminActionState } from '@/lib/ops/admin';

type Props = {
  action: (previous: AdminActionState, form: FormData) => Promise<AdminActionState>;
  /** Hidden fields sent with the form. */
  fields?: Record<string, string>;
  label: string;
  /** The button's accessible name when the visible label alone is ambiguous (several Retry buttons). */
  ariaLabel?: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
  children?: React.ReactNode;
  className?: string;
};

export function ActionForm({ action, fields = {}, label, ariaLabel, pendingLabel, variant = 'secondary', children, className = '' }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={`flex flex-wrap items-end gap-2 ${className}`.trim()}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Submit variant={variant} label={label} ariaLabel={ariaLabel} pendingLabel={pendingLabel} />
      <p role="status" className={`basis-full text-sm ${state?.ok === false ? 'text-red-700' : 'text-emerald-800'}`}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}

function Submit({ label, ariaLabel, pendingLabel, variant }: { label: string; ariaLabel?: string; pendingLabel: string; variant: 'primary' | 'secondary' }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-label={ariaLabel}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
