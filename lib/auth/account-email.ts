// The account emails (today: the link that verifies an address): what each says, how long its link
// lives, and how one is requested: a job on the mail path, so a slow mail server never slows a form.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db';
import { enqueueFulfilment } from '@/lib/jobs/enqueue';
import type { TokenPurpose } from './tokens';

const HOUR = 3_600_000;

export const ACCOUNT_EMAILS: Record<TokenPurpose, { path: string; ttlMs: number; subject: string; body: (link: string) => string[] }> = {
  'verify-email': {
    path: '/verify-email',
    ttlMs: 24 * HOUR,
    subject: 'Confirm your email address',
    body: (link) => ['Confirm that this is your email address:', `  ${link}`, '', 'The link works once, for 24 hours. If you did not sign up, ignore this email.'],
  },
};

export const AccountEmailPayload = z.object({ purpose: z.enum(['verify-email']), userId: z.string(), email: z.string() });

/** Queues one account email; each request is its own job (a resend is a new link, the old ones still work). */
export async function requestAccountEmail(purpose: TokenPurpose, user: { id: string; email: string }): Promise<void> {
  await enqueueFulfilment(getDb(), { kind: 'account_email', subjectId: `acct_${randomUUID()}`, payload: { purpose, userId: user.id, email: user.email } });
}
