// "Forgot password": a link mailed to the account's address (lib/auth/email-links.ts), then a new
// password set with it. The link proves the mailbox, so a reset also verifies the address: the same
// proof a verification link gives (the token is bound to the address it was sent to).
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { promoteListedOperator } from '@/lib/ops/operators';
import { clearLimit } from '@/lib/rate-limit';
import { hashPassword } from './password';
import { revokeAllSessions } from './sessions';
import { consumeToken, voidTokens } from './tokens';
import type { AuthUser } from './users';

/**
 * Sets the password from a reset link: the link works once, every session of the account ends, the
 * other reset and sign-in links stop working, and the sign-in lockout on the account is lifted. Null when the
 * link is unknown, used, expired, or was sent to an address the account no longer has.
 */
export async function resetPasswordWithToken(token: string, password: string): Promise<AuthUser | null> {
  const passwordHash = await hashPassword(password);
  const user = await getDb().transaction(async (tx) => {
    const owner = await consumeToken('reset-password', token, tx);
    if (!owner) return null;
    const [row] = await tx
      .update(users)
      .set({ passwordHash, emailVerified: sql`coalesce(${users.emailVerified}, now())` })
      .where(and(eq(users.id, owner.userId), eq(users.email, owner.email)))
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!row?.email) return null;
    await revokeAllSessions(row.id, undefined, tx);
    // Whoever asked for the reset may fear someone else reads their mail: no older link may still work.
    await voidTokens('reset-password', row.id, tx);
    await voidTokens('magic-link', row.id, tx);
    return { id: row.id, email: row.email, name: row.name };
  });
  if (!user) return null;
  await clearLimit('signInPerAccount', user.email);
  await promoteListedOperator(user.id);
  return user;
}
