'use server';
// Signing up, in and out. Anonymous callers are allowed on purpose: these actions start a session.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/define-action';
import { hit, hitAll, LIMITS, requestAddress, tryAgainIn } from '@/lib/rate-limit';
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
  const outcome = await signInWithPassword({ email: input.email, password: input.password });
  if (outcome === 'too-many-attempts') return { ok: false, error: `Too many sign-in attempts. ${tryAgainIn(LIMITS.signInPerAccount.windowSeconds)}`, values: { email: input.email } };
  if (outcome === 'wrong-credentials') return { ok: false, error: 'Wrong email or password.', values: { email: input.email } };
  redirect(input.callbackUrl);
});

export const signUpAction = defineAction({ access: 'anonymous', input: signUpSchema.extend({ callbackUrl }) }, async ({ input }) => {
  const values = { name: input.name, email: input.email };
  const limit = await hit('signUpPerIp', await requestAddress());
  if (!limit.ok) return { ok: false, error: `Too many sign-ups from your network. ${tryAgainIn(limit.retryAfterSeconds)}`, values };
  const result = await createPasswordUser(input);
  if (!result.ok) return { ok: false, error: result.error, field: result.field, values };
  await requestAccountEmail('verify-email', result.user);
  if ((await signInWithPassword({ email: result.user.email, password: input.password })) !== 'signed-in') {
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
  const limit = await hitAll([
    ['emailLinksPerAccount', user.id],
    ['emailLinksPerIp', await requestAddress()],
  ]);
  if (!limit.ok) return { ok: false, error: `We sent several links already. ${tryAgainIn(limit.retryAfterSeconds)}` };
  const outcome = await sendVerificationEmail(user.id);
  return outcome === 'sent' ? { ok: true, message: `We sent a new link to ${user.email}.` } : { ok: true, message: 'Your email address is already verified.' };
});
