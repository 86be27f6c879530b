// Signing in with a link mailed to the account's address (requested through lib/auth/email-links.ts):
// Auth.js's `magic-link` credentials provider calls this with the link's token.
import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { revokeAllSessions } from './sessions';
import { consumeToken } from './tokens';
import type { AuthUser } from './users';
import { markEmailVerified } from './verification';

/**
 * The user the link was sent to, once: opening it proves the mailbox, so it also verifies the address.
 * When the address was never verified before, whoever signed up with it may not be the mailbox's owner
 * (an account made in a stranger's name to take it over later): that password is dropped and every
 * other session ends, so only the mailbox's owner is left in; they can set a password with a reset.
 */
export async function signInWithMagicLinkToken(token: string): Promise<AuthUser | null> {
  const owner = await consumeToken('magic-link', token);
  if (!owner) return null;
  const unproven = await getDb()
    .update(users)
    .set({ passwordHash: null })
    .where(and(eq(users.id, owner.userId), eq(users.email, owner.email), isNull(users.emailVerified)))
    .returning({ id: users.id });
  if (unproven.length) await revokeAllSessions(owner.userId);
  if (!(await markEmailVerified(owner.userId, owner.email))) return null;
  const [user] = await getDb().select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, owner.userId));
  return user?.email ? { id: user.id, email: user.email, name: user.name } : null;
}
