// Who operates the console: a role on the user, granted only to a verified account (by
// `npm run admin:grant`, or ADMIN_EMAILS at verification), and every operator action on record.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { operatorActions, users, type UserRole } from '@/db/schema';
import { isAdminEmail } from './admin-emails';

export type OperatorAction = { actor: string; action: string; subjectId?: string | null; ok: boolean; detail?: string | null };

export async function recordOperatorAction(entry: OperatorAction, db: Executor = getDb()): Promise<void> {
  await db.insert(operatorActions).values({ ...entry, subjectId: entry.subjectId ?? null, detail: entry.detail ?? null });
}

export type RoleChange = { ok: true; userId: string; changed: boolean } | { ok: false; error: string };

/** Grants or takes back the operator role; a grant needs an account whose email is verified. */
export async function setRole(email: string, role: UserRole, actor: string): Promise<RoleChange> {
  const address = email.trim().toLowerCase();
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role, emailVerified: users.emailVerified }).from(users).where(eq(users.email, address)).for('update');
    if (!user) return { ok: false as const, error: `No account with the email ${address}.` };
    if (role === 'operator' && !user.emailVerified) return { ok: false as const, error: `${address} has not verified its email yet: an operator must.` };
    const changed = user.role !== role;
    if (changed) await tx.update(users).set({ role }).where(eq(users.id, user.id));
    await recordOperatorAction({ actor, action: role === 'operator' ? 'grant operator' : 'revoke operator', subjectId: user.id, ok: true, detail: changed ? address : `${address} (no change)` }, tx);
    return { ok: true as const, userId: user.id, changed };
  });
}

/** ADMIN_EMAILS, if set, promotes a listed address once it is verified, never before. */
export async function promoteListedOperator(userId: string): Promise<void> {
  const [user] = await getDb()
    .select({ email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.emailVerified)));
  if (user?.email && user.role !== 'operator' && isAdminEmail(user.email)) await setRole(user.email, 'operator', 'ADMIN_EMAILS');
}

/** Operator actions on any of these objects, oldest first: for the timeline of a payment's thread. */
export async function operatorActionsOn(subjectIds: string[]) {
  if (subjectIds.length === 0) return [];
  return getDb()
    .select()
    .from(operatorActions)
    .where(inArray(operatorActions.subjectId, subjectIds))
    .orderBy(operatorActions.createdAt);
}
