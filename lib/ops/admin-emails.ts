// Who is an operator, by email: ADMIN_EMAILS, comma-separated, compared case-insensitively.
import { env } from '@/lib/env';

/** The operators' emails, lower-cased; empty when ADMIN_EMAILS is unset (then nobody is an operator). */
export function adminEmails(value: string | undefined = env().ADMIN_EMAILS): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function isAdminEmail(email: string | null | undefined, value?: string): boolean {
  if (!email) return false;
  return adminEmails(value).has(email.trim().toLowerCase());
}
