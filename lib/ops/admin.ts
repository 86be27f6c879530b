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
