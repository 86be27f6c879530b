'use server';
// Signing up, in and out, and recovering an account by email. Anonymous callers are allowed on purpose: these actions start a session.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/define-action';
import { hit, hitAll, LIMITS, requestAddress, tryAgainIn } from '@/lib/rate-limit';
import { env } from '@/lib/env';
import { safeCallbackPath } from './callback-url';
import { configuredOAuthProviders } from './providers';
import { emailSchema, newPasswordSchema, signInSchema, signUpSchema } from './schemas';
import { signInWithMagicLink, signInWithOAuth, signInWithPassword, signOutUser } from './sign-in';
import { createPasswordUser } from './users';
import { requestAccountEmail } from './account-email';
import { sendVerificationEmail } from './verification';
import { mailToAddress } from './email-links';
import { resetPasswordWithToken } from './password-reset';

const callbackUrl = z.string().optional().transform((value) => safeCallbackPath(value));

export const signInAction = defineAction({ access: 'anonymous', input: signInSchema.extend({ callbackUrl }) }, async ({ input }) => {
  const outcome = await signInWithPassword({ email: input.email, password: input.password });
  if (outcome === 'too-many-attempts') return { ok: false, error: `Too many sign-in attempts. ${tryAgainIn(LIMITS.signInPerAccount.windowSeconds)}`, values: { email: input.email } };
  if (outcome === 'wrong-credentials') return { ok: false, error: 'Wrong email or password.', values: { email: input.email } };
  redirect(input.callbackUrl);
});

/** What sign-up answers, whether or not the email already had an account: nothing tells them apart. */
const checkYourEmail = (email: string) => `Check your email: we sent a message to ${email}. Then sign in with your password.`;

export const signUpAction = defineAction({ access: 'anonymous', input: signUpSchema }, async ({ input }) => {
  const values = { name: input.name, email: input.email };
  const address = await requestAddress();
  const limit = await hit('signUpPerIp', address);
  if (!limit.ok) return { ok: false, error: `Too many sign-ups from your network. ${tryAgainIn(limit.retryAfterSeconds)}`, values };
  const result = await createPasswordUser(input);
  if (!result.ok) return { ok: false, error: result.error, field: result.field, values };
  // A taken address gets a note to its owner instead (throttled per address; refused quietly, so the answer stays the same).
  if (result.user) await requestAccountEmail({ purpose: 'verify-email', userId: result.user.id, email: result.user.email });
  else await mailToAddress('account-exists', result.email, address);
  return { ok: true, message: checkYourEmail(result.email) };
});

const emailForm = z.object({ email: emailSchema });

export const requestPasswordResetAction = defineAction({ access: 'anonymous', input: emailForm }, async ({ input }) => {
  const limit = await mailToAddress('reset-password', input.email, await requestAddress());
  if (!limit.ok) return { ok: false, error: `Too many requests. ${tryAgainIn(limit.retryAfterSeconds)}`, values: { email: input.email } };
  return { ok: true, message: `If ${input.email} has an account, we sent it a link to choose a new password. It works once, within an hour.` };
});

export const resetPasswordAction = defineAction({ access: 'anonymous', input: z.object({ token: z.string(), password: newPasswordSchema }) }, async ({ input }) => {
  const user = await resetPasswordWithToken(input.token, input.password);
  if (!user) return { ok: false, error: 'This link does not work: it was already used, has expired, or is not complete. Ask for a new one.' };
  if ((await signInWithPassword({ email: user.email, password: input.password })) !== 'signed-in') redirect('/sign-in');
  redirect('/');
});

export const requestMagicLinkAction = defineAction({ access: 'anonymous', input: emailForm }, async ({ input }) => {
  const limit = await mailToAddress('magic-link', input.email, await requestAddress());
  if (!limit.ok) return { ok: false, error: `Too many requests. ${tryAgainIn(limit.retryAfterSeconds)}`, values: { email: input.email } };
  return { ok: true, message: `If ${input.email} has an account, we sent it a sign-in link. It works once, within 15 minutes.` };
});

export const magicLinkSignInAction = defineAction({ access: 'anonymous', input: z.object({ token: z.string() }) }, async ({ input }) => {
  if (!(await signInWithMagicLink(input.token))) return { ok: false, error: 'This link does not work: it was already used, has expired, or is not complete. Ask for a new one.' };
  redirect('/');
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
