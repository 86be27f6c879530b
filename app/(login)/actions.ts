'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { env } from '@/lib/env';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { configuredOAuthProviders } from '@/lib/auth/providers';
import { signInSchema } from '@/lib/auth/schemas';
import { signInWithOAuth, signInWithPassword, signOutUser } from '@/lib/auth/sign-in';
import { createPasswordUser } from '@/lib/auth/users';

export type AuthFormState = {
  error?: string;
  /** The field the error is about, marked invalid on the form. */
  field?: 'name' | 'email' | 'password';
  /** What was typed, so a failed attempt does not empty the form (never the password). */
  values?: { name?: string; email?: string };
};

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === 'string' ? value : '';
}

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const callbackPath = safeCallbackPath(formData.get('callbackUrl'));
  const values = { email: text(formData, 'email') };
  const parsed = signInSchema.safeParse({ ...values, password: text(formData, 'password') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue.message, field: issue.path[0] as 'email' | 'password', values };
  }
  if (!(await signInWithPassword(parsed.data))) return { error: 'Wrong email or password.', values };
  redirect(callbackPath);
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const callbackPath = safeCallbackPath(formData.get('callbackUrl'));
  const values = { name: text(formData, 'name'), email: text(formData, 'email') };
  const password = text(formData, 'password');
  const result = await createPasswordUser({ ...values, password });
  if (!result.ok) return { error: result.error, field: result.field, values };
  if (!(await signInWithPassword({ email: result.user.email, password }))) {
    return { error: 'Your account was created, but signing in failed. Please sign in.', values };
  }
  redirect(callbackPath);
}

const providerSchema = z.enum(['github', 'google']);

export async function signInWithProviderAction(formData: FormData): Promise<void> {
  const provider = providerSchema.safeParse(formData.get('provider'));
  if (!provider.success || !configuredOAuthProviders(env()).some((p) => p.id === provider.data)) {
    redirect('/sign-in?error=Configuration');
  }
  await signInWithOAuth(provider.data, safeCallbackPath(formData.get('callbackUrl')));
}

export async function signOutAction(): Promise<void> {
  await signOutUser();
}
