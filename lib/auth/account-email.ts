// The account emails: what each says, who it goes to, how long its link lives, and how one is requested:
// a job on the mail path, so a slow mail server never slows a form, and an anonymous request for an
// address without an account takes the same path (and time) as one for a real account.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Executor } from '@/db';
import { enqueueFulfilment } from '@/lib/jobs/enqueue';
import type { TokenPurpose } from './tokens';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ACCOUNT_EMAIL_PURPOSES = ['verify-email', 'reset-password', 'magic-link', 'change-email', 'email-changed', 'account-exists'] as const;
export type AccountEmailPurpose = (typeof ACCOUNT_EMAIL_PURPOSES)[number];

/** The button: a single-use link (`token` set: made when the mail is sent) or a plain page of the app. */
type AccountEmailAction = { label: string; path: string; token?: { purpose: TokenPurpose; ttlMs: number } };

/**
 * `recipient`: `account` mails the account's own address (looked up by email when no user id is
 * given; nothing is sent when there is none); `new-address` mails the address the user asked to move to;
 * `previous-address` mails the address the account just moved away from.
 */
export type AccountEmail = {
  recipient: 'account' | 'new-address' | 'previous-address';
  subject: string;
  intro: string;
  action: AccountEmailAction;
  /** Lines under the button. */
  after: (appUrl: string) => string[];
};

export const ACCOUNT_EMAILS: Record<AccountEmailPurpose, AccountEmail> = {
  'verify-email': {
    recipient: 'account',
    subject: 'Confirm your email address',
    intro: 'Confirm that this is your email address: it is what lets you buy a plan and join a team.',
    action: { label: 'Confirm my email address', path: '/verify-email', token: { purpose: 'verify-email', ttlMs: 24 * HOUR } },
    after: () => ['The link works once, for 24 hours. If you did not sign up, ignore this email.'],
  },
  'reset-password': {
    recipient: 'account',
    subject: 'Reset your password',
    intro: 'Someone (we hope you) asked to reset the password of your account.',
    action: { label: 'Choose a new password', path: '/reset-password', token: { purpose: 'reset-password', ttlMs: HOUR } },
    after: () => ['The link works once, within an hour, and signs out every other browser. If you did not ask for it, ignore this email: your password stays as it is.'],
  },
  'magic-link': {
    recipient: 'account',
    subject: 'Your sign-in link',
    intro: 'Sign in without a password with the button below.',
    action: { label: 'Sign in', path: '/sign-in/link', token: { purpose: 'magic-link', ttlMs: 15 * MINUTE } },
    after: () => ['It works once, within 15 minutes. If you did not ask for it, ignore this email.'],
  },
  'change-email': {
    recipient: 'new-address',
    subject: 'Confirm your new email address',
    intro: 'Confirm that your account should use this address from now on.',
    action: { label: 'Use this address', path: '/account/confirm-email', token: { purpose: 'change-email', ttlMs: 24 * HOUR } },
    after: () => ['Until you do, your account keeps its current address. The link works once, for 24 hours. If you did not ask for this, ignore this email.'],
  },
  'email-changed': {
    recipient: 'previous-address',
    subject: 'Your email address was changed',
    intro: 'The email address of your account was changed to another one, confirmed from that mailbox. We write there from now on.',
    action: { label: 'Sign in', path: '/sign-in' },
    after: () => ['If you made this change, there is nothing to do. If you did not, sign in with your password, change the address back and change your password.'],
  },
  'account-exists': {
    recipient: 'account',
    subject: 'You already have an account',
    intro: 'Someone (perhaps you) tried to create an account with this address, but it already has one, so nothing changed.',
    action: { label: 'Sign in', path: '/sign-in' },
    after: (appUrl) => [`Forgot your password? ${appUrl}/forgot-password`, 'If it was not you, ignore this email.'],
  },
};

export const AccountEmailPayload = z.object({ purpose: z.enum(ACCOUNT_EMAIL_PURPOSES), userId: z.string().optional(), email: z.string() });
export type AccountEmailRequest = z.infer<typeof AccountEmailPayload>;

/**
 * Queues one account email; each request is its own job (a resend is a new link, the old ones still work).
 * `executor`: a transaction, for a note that must go out only if the change it tells of commits.
 */
export async function requestAccountEmail(request: AccountEmailRequest, executor: Executor = getDb()): Promise<void> {
  await enqueueFulfilment(executor, { kind: 'account_email', subjectId: `acct_${randomUUID()}`, payload: request });
}
