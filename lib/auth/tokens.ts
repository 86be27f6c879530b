// Single-use links sent by email (verifying an address, resetting a password, signing in, confirming a
// new address): only a SHA-256 of the token is stored, so a database read does not hand out working
// links; each expires and works once.
import { createHash, randomBytes } from 'node:crypto';
import { and, gt, like, lte, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { verificationTokens } from '@/db/schema';

export type TokenPurpose = 'verify-email' | 'reset-password' | 'magic-link' | 'change-email';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The row's identifier: the purpose, the user and the email the link was sent to (a changed email voids it). */
const identifierOf = (purpose: TokenPurpose, userId: string, email: string) => `${purpose}:${userId}:${email}`;

export async function issueToken(purpose: TokenPurpose, userId: string, email: string, ttlMs: number, db: Executor = getDb()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insert(verificationTokens)
    .values({ identifier: identifierOf(purpose, userId, email), token: hashOf(token), expires: new Date(Date.now() + ttlMs) });
  return token;
}

/** Deletes the token and answers whose it was; null when unknown, used, expired or of another purpose. */
export async function consumeToken(purpose: TokenPurpose, token: string, db: Executor = getDb()): Promise<{ userId: string; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .delete(verificationTokens)
    .where(and(sql`${verificationTokens.token} = ${hashOf(token)}`, like(verificationTokens.identifier, `${purpose}:%`), gt(verificationTokens.expires, sql`now()`)))
    .returning({ identifier: verificationTokens.identifier });
  if (!row) return null;
  const [, userId, ...email] = row.identifier.split(':');
  return { userId, email: email.join(':') };
}

/** Voids every outstanding link of this purpose for the user (after a reset, the other reset links must not work). */
export async function voidTokens(purpose: TokenPurpose, userId: string, db: Executor = getDb()): Promise<void> {
  await db.delete(verificationTokens).where(like(verificationTokens.identifier, `${purpose}:${userId}:%`));
}

/** Voids every link of every purpose for the user (a deleted account). */
export async function voidAllTokens(userId: string, db: Executor = getDb()): Promise<void> {
  await db.delete(verificationTokens).where(sql`split_part(${verificationTokens.identifier}, ':', 2) = ${userId}`);
}

/** Removes links that expired before `olderThan`; the retention job runs it. Returns how many went. */
export async function deleteExpiredTokens(olderThan: Date, db: Executor = getDb()): Promise<number> {
  const gone = await db.delete(verificationTokens).where(lte(verificationTokens.expires, olderThan)).returning({ token: verificationTokens.token });
  return gone.length;
}
