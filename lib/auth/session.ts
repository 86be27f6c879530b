// Who is signed in: the one question pages, server actions and billing ask about the visitor.
import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { users, userSessions, type UserRole } from '@/db/schema';
import { auth } from './config';
import { safeCallbackPath } from './callback-url';

/** `sessionId`: this browser's `user_sessions` row (kept when the user ends every other session). */
export type CurrentUser = { id: string; email: string; name: string | null; role: UserRole; emailVerified: boolean; sessionId: string };

/**
 * The signed-in user, read from the database once per request: null when signed out, when the cookie's
 * session row was revoked (sign-out, sign out everywhere, a password change) or when the user is gone.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const sessionId = session?.sessionId;
  if (!session?.user?.id || !sessionId) return null;
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, emailVerified: users.emailVerified })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, session.user.id), isNull(userSessions.revokedAt)))
    .limit(1);
  if (!row?.email) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, emailVerified: row.emailVerified !== null, sessionId };
});

/** The signed-in user; a signed-out visitor is sent to sign in and then back to `callbackPath`. */
export async function requireUser(callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: safeCallbackPath(callbackPath) })}`);
  return user;
}
