// Verified email: what grants anything (checkout, a Dodo customer, the operator role) rests on it.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { promoteListedOperator } from '@/lib/ops/operators';
import { requestAccountEmail } from './account-email';
import { consumeToken } from './tokens';

/** Marks the address verified if it is still the account's email; then ADMIN_EMAILS may promote it. */
export async function markEmailVerified(userId: string, email: string): Promise<boolean> {
  const [row] = await getDb()
    .update(users)
    .set({ emailVerified: sql`coalesce(${users.emailVerified}, now())` })
    .where(and(eq(users.id, userId), eq(users.email, email)))
    .returning({ id: users.id });
  if (!row) return false;
  await promoteListedOperator(userId);
  return true;
}

/** The verification link's token: true when it verified (or had verified) the address it was sent to. */
export async function verifyEmailWithToken(token: string): Promise<boolean> {
  const owner = await consumeToken('verify-email', token);
  return owner ? markEmailVerified(owner.userId, owner.email) : false;
}

/** Sends a new verification link unless the address is verified already. */
export async function sendVerificationEmail(userId: string): Promise<'sent' | 'already-verified'> {
  const [user] = await getDb().select({ id: users.id, email: users.email }).from(users).where(and(eq(users.id, userId), isNull(users.emailVerified)));
  if (!user?.email) return 'already-verified';
  await requestAccountEmail({ purpose: 'verify-email', userId: user.id, email: user.email });
  return 'sent';
}
