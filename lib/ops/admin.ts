import 'server-only';
// Who is an operator: a signed-in user with the operator role and a verified email. Everyone else (and
// every signed-out visitor) gets a 404 on /admin and on every admin action and route, as if it did not exist.
import { notFound } from 'next/navigation';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';

export function isOperator(user: CurrentUser): boolean {
  return user.role === 'operator' && user.emailVerified;
}

/** The signed-in operator; anyone else gets the 404 page (no redirect to sign-in: /admin does not exist for them). */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || !isOperator(user)) notFound();
  return user;
}

/** Our ids, Dodo's ids, webhook ids and emails: nothing else is looked up. */
const LOOKUP_ID = /^[A-Za-z0-9_.:@+-]{1,200}$/;

/** An id from an admin URL (decoded at most once more); anything that cannot be an id is a 404, not a 500. */
export function adminLookupId(param: string): string {
  let id = param;
  try {
    id = decodeURIComponent(param);
  } catch {
    // A lone `%` (from `%25`) is not an escape: the id stays as given, and fails the check below.
  }
  if (!LOOKUP_ID.test(id)) notFound();
  return id;
}
