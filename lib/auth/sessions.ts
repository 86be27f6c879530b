// The server side of a session: a row per signed-in browser, so that signing out really ends it.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { userSessions } from '@/db/schema';

/** A new session row for a user who just signed in; its id goes into the session cookie. */
export async function openSession(userId: string): Promise<string> {
  const id = randomUUID();
  await getDb().insert(userSessions).values({ id, userId });
  return id;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await getDb().update(userSessions).set({ revokedAt: sql`now()` }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every session of the user but `keep` (the browser that asked): a password change, a reset, "sign out everywhere". */
export async function revokeAllSessions(userId: string, keep?: string, db: Executor = getDb()): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), keep ? ne(userSessions.id, keep) : undefined));
}
