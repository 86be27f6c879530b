import { useId, type ComponentProps } from 'react';
import { Input } from './input';
import { Label } from './label';

type Props = ComponentProps<'input'> & { label: string; hint?: string; error?: string };

/** A labelled input with its hint and, after a failed submit, its own error (announced and linked to it). */
export function Field({ label, hint, error, id, ...input }: Props) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className="space-y-1">
      <Label htmlFor={inputId}>{label}</Label>
      <Input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={[error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined} {...input} />
      {hint && (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
