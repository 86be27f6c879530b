'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextLink } from '@/components/ui/text-link';
import { signInAction, signUpAction } from '@/lib/auth/actions';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import type { ActionState } from '@/lib/define-action';

/** The email-and-password form of /sign-in and /sign-up; errors come back from the server action. */
export function AuthForm({ mode, callbackUrl }: { mode: 'sign-in' | 'sign-up'; callbackUrl: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(mode === 'sign-in' ? signInAction : signUpAction, null);
  const failed = state?.ok === false ? state : null;
  const errorOf = (field: string) => (failed?.field === field ? failed.error : undefined);

  if (mode === 'sign-up' && state?.ok) {
    return (
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p role="status" className="text-sm text-muted-foreground">
          {state.message}
        </p>
        <p>
          <TextLink href={`/sign-in${callbackUrl === '/' ? '' : `?${new URLSearchParams({ callbackUrl })}`}`}>Go to sign in</TextLink>
        </p>
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {mode === 'sign-up' && (
        <Field label="Name" name="name" autoComplete="name" required maxLength={100} defaultValue={failed?.values?.name} error={errorOf('name')} />
      )}
      <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={failed?.values?.email} error={errorOf('email')} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
        required
        minLength={mode === 'sign-up' ? PASSWORD_MIN_LENGTH : undefined}
        hint={mode === 'sign-up' ? `At least ${PASSWORD_MIN_LENGTH} characters.` : undefined}
        error={errorOf('password')}
      />
      {failed && !failed.field && <FormError>{failed.error}</FormError>}
      <SubmitButton className="w-full" pendingLabel={mode === 'sign-in' ? 'Signing in…' : 'Creating account…'}>
        {mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </SubmitButton>
    </form>
  );
}
