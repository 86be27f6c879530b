// ADMIN_EMAILS: addresses promoted to operator once their owner verifies them (comma-separated, any case).
import { env } from '@/lib/env';

/** The listed emails, lower-cased; empty when ADMIN_EMAILS is unset (then nobody is promoted). */
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
