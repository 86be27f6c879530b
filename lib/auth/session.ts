// Who is signed in: the one question pages, server actions and billing ask about the visitor.
import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { auth } from './config';
import { safeCallbackPath } from './callback-url';

export type CurrentUser = { id: string; email: string; name: string | null };

/** The signed-in user, read from the database (null when signed out or the row is gone); once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row?.email) return null;
  return { id: row.id, email: row.email, name: row.name };
});

/** The signed-in user; a signed-out visitor is sent to sign in and then back to `callbackPath`. */
export async function requireUser(callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: safeCallbackPath(callbackPath) })}`);
  return user;
}
