// Links and notes an anonymous caller asks us to mail to an address (a password reset, a sign-in link,
// "you already have an account"). The answer never depends on whether the address has an account:
// the job decides that later, so the request takes the same path whoever asks.
import 'server-only';
import { hitAll, type LimitResult } from '@/lib/rate-limit';
import { requestAccountEmail, type AccountEmailPurpose } from './account-email';

/** Counts the request against the address and the caller's network, then queues the email. */
export async function mailToAddress(purpose: Extract<AccountEmailPurpose, 'reset-password' | 'magic-link' | 'account-exists'>, email: string, callerAddress: string): Promise<LimitResult> {
  const limit = await hitAll([
    ['emailLinksPerAddress', email],
    ['emailLinksPerIp', callerAddress],
  ]);
  if (limit.ok) await requestAccountEmail({ purpose, email });
  return limit;
}
