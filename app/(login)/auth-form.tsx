'use client';

import { useActionState, useId } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SubmitButton } from '@/components/ui/submit-button';
import { signInAction, signUpAction } from '@/lib/auth/actions';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import type { ActionState } from '@/lib/define-action';

type Field = 'name' | 'email' | 'password';

/** The email-and-password form of /sign-in and /sign-up; errors come back from the server action. */
export function AuthForm({ mode, callbackUrl }: { mode: 'sign-in' | 'sign-up'; callbackUrl: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(mode === 'sign-in' ? signInAction : signUpAction, null);
  const failed = state?.ok === false ? state : null;
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-password-hint`;
  const describedBy = (field: Field, ...extra: string[]) =>
    [failed?.field === field ? errorId : '', ...extra].filter(Boolean).join(' ') || undefined;

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {mode === 'sign-up' && (
        <div className="space-y-1">
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input
            id={`${id}-name`}
            name="name"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={failed?.values?.name}
            aria-invalid={failed?.field === 'name' || undefined}
            aria-describedby={describedBy('name')}
          />
        </div>
      )}
      <div className="space-y-1">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={failed?.values?.email}
          aria-invalid={failed?.field === 'email' || undefined}
          aria-describedby={describedBy('email')}
        />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'sign-up' ? PASSWORD_MIN_LENGTH : undefined}
          aria-invalid={failed?.field === 'password' || undefined}
          aria-describedby={describedBy('password', mode === 'sign-up' ? hintId : '')}
        />
        {mode === 'sign-up' && (
          <p id={hintId} className="text-xs text-slate-500">
            At least {PASSWORD_MIN_LENGTH} characters.
          </p>
        )}
      </div>
      {failed && (
        <p id={errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {failed.error}
        </p>
      )}
      <SubmitButton className="w-full" pendingLabel={mode === 'sign-in' ? 'Signing in…' : 'Creating account…'}>
        {mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </SubmitButton>
    </form>
  );
}
