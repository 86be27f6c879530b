'use server';
// Signing up, in and out. Anonymous callers are allowed on purpose: these actions start a session.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/define-action';
import { env } from '@/lib/env';
import { safeCallbackPath } from './callback-url';
import { configuredOAuthProviders } from './providers';
import { signInSchema, signUpSchema } from './schemas';
import { signInWithOAuth, signInWithPassword, signOutUser } from './sign-in';
import { createPasswordUser } from './users';
import { requestAccountEmail } from './account-email';
import { sendVerificationEmail } from './verification';

const callbackUrl = z.string().optional().transform((value) => safeCallbackPath(value));

export const signInAction = defineAction({ access: 'anonymous', input: signInSchema.extend({ callbackUrl }) }, async ({ input }) => {
  if (!(await signInWithPassword({ email: input.email, password: input.password }))) {
    return { ok: false, error: 'Wrong email or password.', values: { email: input.email } };
  }
  redirect(input.callbackUrl);
});

export const signUpAction = defineAction({ access: 'anonymous', input: signUpSchema.extend({ callbackUrl }) }, async ({ input }) => {
  const values = { name: input.name, email: input.email };
  const result = await createPasswordUser(input);
  if (!result.ok) return { ok: false, error: result.error, field: result.field, values };
  await requestAccountEmail('verify-email', result.user);
  if (!(await signInWithPassword({ email: result.user.email, password: input.password }))) {
    return { ok: false, error: 'Your account was created, but signing in failed. Please sign in.', values };
  }
  redirect(input.callbackUrl);
});

export const signInWithProviderAction = defineAction(
  { access: 'anonymous', input: z.object({ provider: z.enum(['github', 'google']), callbackUrl }) },
  async ({ input }) => {
    if (!configuredOAuthProviders(env()).some((p) => p.id === input.provider)) redirect('/sign-in?error=Configuration');
    await signInWithOAuth(input.provider, input.callbackUrl);
    return { ok: true };
  },
);

export const signOutAction = defineAction({ access: 'anonymous', input: z.object({}) }, async () => {
  await signOutUser();
  return { ok: true };
});

export const resendVerificationAction = defineAction({ access: 'user', input: z.object({}) }, async ({ user }) => {
  const outcome = await sendVerificationEmail(user.id);
  return outcome === 'sent' ? { ok: true, message: `We sent a new link to ${user.email}.` } : { ok: true, message: 'Your email address is already verified.' };
});
