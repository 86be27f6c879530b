// The account page's changes: password, email (re-verified), sessions, and deleting the account.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import { APIError } from 'dodopayments';
import { getDb } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import {
  accounts,
  fulfilments,
  mailMessages,
  operatorActions,
  payments,
  plans,
  refunds,
  sessions,
  subscriptions,
  users,
  userSessions,
  webhookEvents,
  workspaceMembers,
} from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { enqueueFulfilment } from '@/lib/jobs/enqueue';
import { promoteListedOperator } from '@/lib/ops/operators';
import { hit, tryAgainIn } from '@/lib/rate-limit';
import { requestAccountEmail } from './account-email';
import { hashPassword, verifyPassword } from './password';
import { revokeAllSessions } from './sessions';
import { consumeToken, voidAllTokens, voidTokens } from './tokens';

export type AccountChange = { ok: true; message: string } | { ok: false; error: string; field?: string };

type Caller = { id: string; email: string; sessionId?: string };

/**
 * Proves the person at the keyboard knows the password (a session left open is not enough to take the
 * account over). Guesses count against the account's sign-in limit. An account without a password
 * (GitHub, Google, sign-in links) proves itself by the session alone.
 */
async function confirmPassword(user: Caller, password: string): Promise<AccountChange | null> {
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash) return null;
  const limit = await hit('signInPerAccount', user.email);
  if (!limit.ok) return { ok: false, error: `Too many password attempts. ${tryAgainIn(limit.retryAfterSeconds)}` };
  return (await verifyPassword(password, row.passwordHash)) ? null : { ok: false, field: 'currentPassword', error: 'That is not your current password.' };
}

/** A new password: the current one is needed, every other browser is signed out, and open reset links stop working. */
export async function changePassword(user: Caller, currentPassword: string, newPassword: string): Promise<AccountChange> {
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash) return { ok: false, error: 'Your account has no password yet: set one with “Forgot your password?” on the sign-in page.' };
  const refused = await confirmPassword(user, currentPassword);
  if (refused) return refused;
  const passwordHash = await hashPassword(newPassword);
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeAllSessions(user.id, user.sessionId, tx);
    await voidTokens('reset-password', user.id, tx);
  });
  return { ok: true, message: 'Your password is changed. Every other browser is signed out.' };
}

/** Mails a confirmation link to the new address; the account keeps its current email until the link is used. */
export async function requestEmailChange(user: Caller, newEmail: string, currentPassword: string): Promise<AccountChange> {
  if (newEmail === user.email) return { ok: false, field: 'email', error: 'That is already your email address.' };
  const refused = await confirmPassword(user, currentPassword);
  if (refused) return refused;
  const limit = await hit('emailLinksPerAccount', user.id);
  if (!limit.ok) return { ok: false, error: `We sent several links already. ${tryAgainIn(limit.retryAfterSeconds)}` };
  await requestAccountEmail({ purpose: 'change-email', userId: user.id, email: newEmail });
  return { ok: true, message: `We sent a link to ${newEmail}. Your email stays ${user.email} until you open it.` };
}

export type EmailChangeOutcome = 'changed' | 'invalid' | 'taken';

/**
 * The new address's link: the account moves to it, verified (the link proved the mailbox). The address it
 * leaves gets a note, so a change its owner did not make does not go unseen.
 */
export async function confirmEmailChange(token: string): Promise<EmailChangeOutcome> {
  try {
    const changed = await getDb().transaction(async (tx) => {
      const owner = await consumeToken('change-email', token, tx);
      if (!owner) return null;
      const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, owner.userId)).for('update');
      const [row] = await tx
        .update(users)
        .set({ email: owner.email, emailVerified: sql`now()` })
        .where(and(eq(users.id, owner.userId), isNull(users.deletedAt)))
        .returning({ id: users.id });
      if (!row) return null;
      // Dodo's copy of the address follows, from a retried job that commits with the change.
      await enqueueFulfilment(tx, { kind: 'dodo_customer_email', subjectId: `${row.id}:${randomUUID()}`, payload: {} });
      if (before?.email && before.email !== owner.email) await requestAccountEmail({ purpose: 'email-changed', userId: row.id, email: before.email }, tx);
      return row;
    });
    if (!changed) return 'invalid';
    await promoteListedOperator(changed.id);
    return 'changed';
  } catch (err) {
    // Another account took the address since the link was sent; the token is kept (the transaction rolled back).
    if (isUniqueViolation(err)) return 'taken';
    throw err;
  }
}

/** Ends every session of the account, this browser's included. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await revokeAllSessions(userId);
}

/** Subscription statuses that may still charge, so deleting the account cancels them at Dodo first. */
const ENDED_SUBSCRIPTION_STATUSES = ['cancelled', 'expired', 'failed'] as const;

/**
 * Deletes the account. Live subscriptions are cancelled at Dodo first (any refusal stops the deletion,
 * nothing changed). Then, in one transaction, the user row becomes a tombstone: payments, orders,
 * subscriptions, refunds, entitlements and the credit ledger reference the user's id and must stay
 * for accounting, disputes and reconciliation, so the row is kept (and `orders` would cascade on a
 * delete) while everything that identifies the person goes: email, name, image, password, role,
 * sign-in methods, sessions, links, memberships; the stored webhook payloads (customer email, name and phone; the billing address but its country),
 * outgoing mail, queued jobs and operator records that carry the email are rewritten to `deleted user <id>`.
 */
export async function deleteAccount(user: Caller, confirmation: { password: string; email: string }): Promise<AccountChange> {
  if (confirmation.email.trim().toLowerCase() !== user.email) return { ok: false, field: 'confirmEmail', error: 'Type your email address to confirm.' };
  const refused = await confirmPassword(user, confirmation.password);
  if (refused) return refused;

  for (const { id } of await liveSubscriptionsOf(user.id)) {
    try {
      await getDodo().subscriptions.update(id, { status: 'cancelled' });
    } catch (err) {
      if (err instanceof APIError) return { ok: false, error: `Your subscription could not be cancelled (Dodo answered ${err.message}), so your account was not deleted. Try again later.` };
      throw err;
    }
  }

  const placeholder = `deleted user ${user.id}`;
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ email: null, name: null, image: null, passwordHash: null, emailVerified: null, role: 'user', deletedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await tx.delete(accounts).where(eq(accounts.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx.delete(userSessions).where(eq(userSessions.userId, user.id));
    await tx.delete(workspaceMembers).where(eq(workspaceMembers.userId, user.id));
    await voidAllTokens(user.id, tx);

    const paymentIds = tx.select({ id: payments.id }).from(payments).where(eq(payments.userId, user.id));
    const objectIds = sql`(select id from ${payments} where ${payments.userId} = ${user.id}
      union select id from ${subscriptions} where ${subscriptions.userId} = ${user.id}
      union select id from ${refunds} where ${refunds.paymentId} in ${paymentIds})`;
    await tx
      .update(webhookEvents)
      .set({
        // Dodo's copy keeps the full record; ours keeps the customer's id and the billing country (tax).
        payload: sql`jsonb_set(
          jsonb_set(${webhookEvents.payload}, '{data,customer}',
            ((${webhookEvents.payload} #> '{data,customer}') - 'phone_number') || jsonb_build_object('email', ${placeholder}::text, 'name', ${placeholder}::text)),
          '{data,billing}', jsonb_strip_nulls(jsonb_build_object('country', ${webhookEvents.payload} #> '{data,billing,country}')), false)`,
      })
      .where(and(sql`${webhookEvents.payload} #> '{data,customer}' is not null`, or(sql`${webhookEvents.objectId} in ${objectIds}`, sql`lower(${webhookEvents.payload} #>> '{data,customer,email}') = ${user.email}`)));
    await tx.update(mailMessages).set({ to: placeholder, text: `(removed: the account was deleted)`, html: null }).where(eq(mailMessages.to, user.email));
    await tx.update(fulfilments).set({ payload: sql`jsonb_set(${fulfilments.payload}, '{email}', to_jsonb(${placeholder}::text))` }).where(sql`${fulfilments.payload}->>'email' = ${user.email}`);
    await tx.update(operatorActions).set({ actor: placeholder }).where(eq(operatorActions.actor, user.email));
    // The email is unique, so replacing it elsewhere cannot touch another person's record (a name could).
    await tx
      .update(operatorActions)
      .set({ detail: sql`replace(${operatorActions.detail}, ${user.email}, ${placeholder})` })
      .where(sql`strpos(${operatorActions.detail}, ${user.email}) > 0`);
  });
  return { ok: true, message: 'Your account is deleted.' };
}

/** The user's subscriptions that may still charge: deleting the account cancels them (the page warns). */
export async function liveSubscriptionsOf(userId: string) {
  return getDb()
    .select({ id: subscriptions.id, planName: plans.name, status: subscriptions.status })
    .from(subscriptions)
    .leftJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, userId), notInArray(subscriptions.status, [...ENDED_SUBSCRIPTION_STATUSES])));
}

/** What the account page shows: whether a password is set, and what deleting the account would cancel. */
export async function accountSettings(userId: string) {
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return { hasPassword: Boolean(row?.passwordHash), liveSubscriptions: await liveSubscriptionsOf(userId) };
}
