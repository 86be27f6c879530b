'use client';

import { useActionState, useId } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SubmitButton } from '@/components/ui/submit-button';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { signInAction, signUpAction, type AuthFormState } from './actions';

/** The email-and-password form of /sign-in and /sign-up; errors come back from the server action. */
export function AuthForm({ mode, callbackUrl }: { mode: 'sign-in' | 'sign-up'; callbackUrl: string }) {
  const [state, formAction] = useActionState<AuthFormState, FormData>(mode === 'sign-in' ? signInAction : signUpAction, {});
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-password-hint`;
  const describedBy = (field: NonNullable<AuthFormState['field']>, ...extra: string[]) =>
    [state.field === field ? errorId : '', ...extra].filter(Boolean).join(' ') || undefined;

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
            defaultValue={state.values?.name}
            aria-invalid={state.field === 'name' || undefined}
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
          defaultValue={state.values?.email}
          aria-invalid={state.field === 'email' || undefined}
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
          aria-invalid={state.field === 'password' || undefined}
          aria-describedby={describedBy('password', mode === 'sign-up' ? hintId : '')}
        />
        {mode === 'sign-up' && (
          <p id={hintId} className="text-xs text-slate-500">
            At least {PASSWORD_MIN_LENGTH} characters.
          </p>
        )}
      </div>
      {state.error && (
        <p id={errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <SubmitButton className="w-full" pendingLabel={mode === 'sign-in' ? 'Signing in…' : 'Creating account…'}>
        {mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </SubmitButton>
    </form>
  );
}
