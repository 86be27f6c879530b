// Signing in with a link mailed to the account's address (requested through lib/auth/email-links.ts):
// Auth.js's `magic-link` credentials provider calls this with the link's token.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { consumeToken } from './tokens';
import type { AuthUser } from './users';
import { markEmailVerified } from './verification';

/** The user the link was sent to, once: opening it proves the mailbox, so it also verifies the address. */
export async function signInWithMagicLinkToken(token: string): Promise<AuthUser | null> {
  const owner = await consumeToken('magic-link', token);
  if (!owner || !(await markEmailVerified(owner.userId, owner.email))) return null;
  const [user] = await getDb().select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, owner.userId));
  return user?.email ? { id: user.id, email: user.email, name: user.name } : null;
}
