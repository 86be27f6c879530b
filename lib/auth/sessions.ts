// The server side of a session: a row per signed-in browser, so that signing out really ends it.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
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
