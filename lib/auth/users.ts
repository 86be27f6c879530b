// Password accounts: creating one, and checking an email and password against it.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { hitAll } from '@/lib/rate-limit';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { signInSchema, signUpSchema } from './schemas';

export type AuthUser = { id: string; email: string; name: string | null };

/** `user` is null when the email already has an account: the caller must answer exactly as for a new one. */
export type SignUpResult =
  | { ok: true; user: AuthUser | null; email: string }
  | { ok: false; field: 'name' | 'email' | 'password'; error: string };

/** Validates a sign-up form and creates the user with a scrypt hash; a taken email creates nothing and changes nothing. */
export async function createPasswordUser(input: Record<string, unknown>): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue.path[0] as 'name' | 'email' | 'password', error: issue.message };
  }
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  // The unique email column decides, so two sign-ups racing for one address cannot both win.
  const [row] = await getDb()
    .insert(users)
    .values({ name, email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  return { ok: true, email, user: row ? { id: row.id, email, name: row.name } : null };
}

/** Sign-in refused before the password is even checked: too many attempts on the account or from the address. */
export class TooManySignInAttempts extends Error {}

/**
 * The user for this email and password, or null; unknown emails take as long as wrong passwords.
 * Every attempt counts against the account and the caller's address, right or wrong.
 */
export async function authenticateWithPassword(input: Record<string, unknown>, address = 'unknown'): Promise<AuthUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limit = await hitAll([
    ['signInPerAccount', email],
    ['signInPerIp', address],
  ]);
  if (!limit.ok) throw new TooManySignInAttempts();
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!row?.passwordHash || !row.email) {
    await verifyAgainstDummy(password);
    return null;
  }
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  if (needsRehash(row.passwordHash)) await getDb().update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, row.id));
  return { id: row.id, email: row.email, name: row.name };
}
