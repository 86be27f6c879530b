'use server';
// The account page's forms. Each needs a signed-in user, except the new address's confirmation link.
import { z } from 'zod';
import { defineAction } from '@/lib/define-action';
import { changePassword, confirmEmailChange, deleteAccount, requestEmailChange, signOutEverywhere } from './account';
import { emailSchema, newPasswordSchema } from './schemas';
import { signOutUser } from './sign-in';

const currentPassword = z.string().max(1024).default('');

const failed = (result: { ok: false; error: string; field?: string }) => ({ ok: false as const, error: result.error, field: result.field });

export const changePasswordAction = defineAction(
  { access: 'user', returnTo: '/account', input: z.object({ currentPassword, password: newPasswordSchema }) },
  async ({ input, user }) => {
    const result = await changePassword(user, input.currentPassword, input.password);
    return result.ok ? result : failed(result);
  },
);

export const changeEmailAction = defineAction({ access: 'user', returnTo: '/account', input: z.object({ email: emailSchema, currentPassword }) }, async ({ input, user }) => {
  const result = await requestEmailChange(user, input.email, input.currentPassword);
  return result.ok ? result : { ...failed(result), values: { email: input.email } };
});

export const confirmEmailChangeAction = defineAction({ access: 'anonymous', input: z.object({ token: z.string() }) }, async ({ input }) => {
  const outcome = await confirmEmailChange(input.token);
  if (outcome === 'taken') return { ok: false, error: 'Another account uses this address now, so your email was not changed.' };
  if (outcome === 'invalid') return { ok: false, error: 'This link does not work: it was already used, has expired, or is not complete.' };
  return { ok: true, message: 'Your account uses this address now, and it is verified.' };
});

export const signOutEverywhereAction = defineAction({ access: 'user', returnTo: '/account', input: z.object({}) }, async ({ user }) => {
  await signOutEverywhere(user.id);
  await signOutUser();
  return { ok: true };
});

export const deleteAccountAction = defineAction(
  { access: 'user', returnTo: '/account', input: z.object({ confirmEmail: z.string().max(254), currentPassword }) },
  async ({ input, user }) => {
    const result = await deleteAccount(user, { email: input.confirmEmail, password: input.currentPassword });
    if (!result.ok) return failed(result);
    await signOutUser();
    return result;
  },
);
