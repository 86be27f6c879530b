// The account page's rules against a real PostgreSQL and the sandbox: password and email changes,
// ending sessions, and deleting an account (subscription cancelled at Dodo, records kept anonymised).
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { fulfilments, mailMessages, operatorActions, orders, payments, subscriptions, users, userSessions, verificationTokens, webhookEvents } from '@/db/schema';
import { startCheckout } from '@/lib/billing/checkout';
import { getDodo } from '@/lib/dodo/client';
import { sendAccountEmail } from '@/lib/jobs/tasks/account-email';
import { syncDodoCustomerEmail } from '@/lib/jobs/tasks/dodo-customer-email';
import { closeDb, createOpenOrder, createUser, db, deliverWebhook, dodoId, paymentPayload, signedWebhook, subscriptionPayload } from '@/test/fixtures';
import { payCheckoutSession } from '@/test/sandbox';
import { changePassword, confirmEmailChange, deleteAccount, requestEmailChange, signOutEverywhere } from './account';
import { hashPassword, verifyPassword } from './password';
import { openSession } from './sessions';
import { issueToken } from './tokens';

afterAll(closeDb);

const APP_URL = 'http://app.test';
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];
const liveSessions = async (userId: string) =>
  (await db().select().from(userSessions).where(and(eq(userSessions.userId, userId), sql`${userSessions.revokedAt} is null`))).map((s) => s.id);

async function withPassword(password = 'current-password') {
  const user = await createUser({ email: `account-${crypto.randomUUID()}@example.test` });
  await db().update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
  const sessionId = await openSession(user.id);
  return { ...user, sessionId };
}

/** Runs the queued account emails of this user through the real job; answers the mailed token for `path`. */
async function mailedToken(userId: string, to: string, path: string): Promise<string> {
  const jobs = await db().select().from(fulfilments).where(and(eq(fulfilments.kind, 'account_email'), sql`${fulfilments.payload}->>'userId' = ${userId}`));
  for (const job of jobs) await sendAccountEmail({ fulfilment: job, db: db(), config: { appUrl: APP_URL, crmWebhookUrl: null } });
  const mails = await db().select().from(mailMessages).where(eq(mailMessages.to, to));
  const token = mails.map((m) => m.text.match(new RegExp(`${APP_URL}${path}\\?token=([A-Za-z0-9_-]+)`))?.[1]).find(Boolean);
  if (!token) throw new Error(`no ${path} link mailed to ${to}`);
  return token;
}

describe('changing the password', () => {
  it('needs the current password; then signs out every other browser and voids reset links', async () => {
    const user = await withPassword();
    const other = await openSession(user.id);
    await issueToken('reset-password', user.id, user.email, 60_000);

    expect(await changePassword(user, 'not-it', 'new-password-1')).toMatchObject({ ok: false, field: 'currentPassword' });
    expect(await verifyPassword('current-password', (await userRow(user.id)).passwordHash!)).toBe(true);
    expect(await liveSessions(user.id)).toEqual(expect.arrayContaining([user.sessionId, other]));

    expect(await changePassword(user, 'current-password', 'new-password-1')).toMatchObject({ ok: true });
    expect(await verifyPassword('new-password-1', (await userRow(user.id)).passwordHash!)).toBe(true);
    expect(await liveSessions(user.id)).toEqual([user.sessionId]);
    expect(await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, `reset-password:${user.id}:${user.email}`))).toHaveLength(0);
  });
});

describe('changing the email', () => {
  it('keeps the old address until the link mailed to the new one is used; then the new one is verified', async () => {
    const user = await withPassword();
    const newEmail = `moved-${crypto.randomUUID()}@example.test`;
    expect(await requestEmailChange(user, newEmail, 'wrong')).toMatchObject({ ok: false });
    expect(await requestEmailChange(user, newEmail, 'current-password')).toMatchObject({ ok: true });
    expect((await userRow(user.id)).email).toBe(user.email);

    const token = await mailedToken(user.id, newEmail, '/account/confirm-email');
    expect(await confirmEmailChange(token)).toBe('changed');
    const row = await userRow(user.id);
    expect(row.email).toBe(newEmail);
    expect(row.emailVerified).not.toBeNull();
    expect(await confirmEmailChange(token)).toBe('invalid');

    // The address it left hears of it, once (the job ran twice above: mailedToken runs every job of the user).
    await mailedToken(user.id, newEmail, '/account/confirm-email');
    const notes = await db().select().from(mailMessages).where(eq(mailMessages.to, user.email));
    expect(notes.map((m) => m.subject)).toEqual(['Your email address was changed']);
    expect(notes[0].text).toContain('change the address back');
  });

  it('moves the Dodo customer to the new address too, through a job that commits with the change', async () => {
    const user = await withPassword();
    const customer = await getDodo().customers.create({ email: user.email, name: 'Moving Customer' });
    await db().update(users).set({ dodoCustomerId: customer.customer_id }).where(eq(users.id, user.id));
    const newEmail = `moved-${crypto.randomUUID()}@example.test`;
    expect(await requestEmailChange(user, newEmail, 'current-password')).toMatchObject({ ok: true });
    expect(await confirmEmailChange(await mailedToken(user.id, newEmail, '/account/confirm-email'))).toBe('changed');

    const jobs = await db().select().from(fulfilments).where(and(eq(fulfilments.kind, 'dodo_customer_email'), sql`${fulfilments.subjectId} like ${`${user.id}:%`}`));
    expect(jobs).toHaveLength(1);
    const config = { appUrl: APP_URL, crmWebhookUrl: null };
    // Twice, as a retry would: the second run sends the same address again and changes nothing.
    for (let run = 0; run < 2; run++) expect(await syncDodoCustomerEmail({ fulfilment: jobs[0], db: db(), config })).toContain(newEmail);
    expect((await getDodo().customers.retrieve(customer.customer_id)).email).toBe(newEmail);
  });

  it('refuses an address another account took meanwhile, and changes nothing', async () => {
    const user = await withPassword();
    const taken = `taken-${crypto.randomUUID()}@example.test`;
    const token = await issueToken('change-email', user.id, taken, 60_000);
    await createUser({ email: taken });
    expect(await confirmEmailChange(token)).toBe('taken');
    expect((await userRow(user.id)).email).toBe(user.email);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the account, this one included', async () => {
    const user = await withPassword();
    await openSession(user.id);
    await signOutEverywhere(user.id);
    expect(await liveSessions(user.id)).toEqual([]);
  });
});

describe('deleting the account', () => {
  it('cancels a live subscription at Dodo first, then keeps the payment records with the email, name, phone and street address removed', async () => {
    const user = await withPassword();
    await db().update(users).set({ name: 'Erase Me' }).where(eq(users.id, user.id));
    const started = await startCheckout({ buyer: { ...user, emailVerified: true }, planId: 'pro-monthly' });
    expect(started.ok).toBe(true);
    const [order] = await db().select().from(orders).where(eq(orders.userId, user.id));
    await payCheckoutSession(order.checkoutSessionId!);
    const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
    const paid = await getDodo().payments.retrieve(session.payment_id!);
    const subscriptionId = paid.subscription_id!;
    const active = signedWebhook('subscription.active', subscriptionPayload({ subscriptionId, status: 'active', productId: order.dodoProductId, orderId: order.id, email: user.email }));
    expect((await deliverWebhook(active)).status).toBe(200);
    const payment = paymentPayload({ amount: order.amountCents, orderId: order.id, userId: user.id, email: user.email, subscriptionId });
    const withPhone = signedWebhook('payment.succeeded', { ...payment, customer: { ...payment.customer, phone_number: '+15555550100' } });
    expect((await deliverWebhook(withPhone)).status).toBe(200);
    await db().insert(operatorActions).values({ actor: 'ops@example.test', action: 'refund', subjectId: user.id, ok: true, detail: `refunded ${user.email}` });

    expect(await deleteAccount(user, { email: user.email, password: 'wrong' })).toMatchObject({ ok: false });
    expect(await deleteAccount(user, { email: 'someone@else.test', password: 'current-password' })).toMatchObject({ ok: false });
    expect((await userRow(user.id)).email).toBe(user.email);

    expect(await deleteAccount(user, { email: user.email.toUpperCase(), password: 'current-password' })).toMatchObject({ ok: true });
    expect((await getDodo().subscriptions.retrieve(subscriptionId)).status).toBe('cancelled');

    const tombstone = await userRow(user.id);
    expect(tombstone).toMatchObject({ email: null, name: null, passwordHash: null, emailVerified: null, role: 'user' });
    expect(tombstone.deletedAt).not.toBeNull();
    expect(await liveSessions(user.id)).toEqual([]);
    expect(await db().select().from(payments).where(eq(payments.userId, user.id))).toHaveLength(1);
    expect(await db().select().from(orders).where(eq(orders.userId, user.id))).toHaveLength(1);
    expect(await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId))).toHaveLength(1);

    const events = await db().select().from(webhookEvents).where(sql`${webhookEvents.objectId} in (${subscriptionId}, ${payment.payment_id})`);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const event of events) {
      expect(JSON.stringify(event.payload)).not.toContain(user.email);
      // The billing address is cut to its country; the customer keeps only its id.
      const { billing, customer } = (event.payload as { data: { billing: unknown; customer: Record<string, unknown> } }).data;
      expect(billing).toEqual({ country: 'US' });
      expect(customer).toEqual({ customer_id: expect.any(String), email: `deleted user ${user.id}`, name: `deleted user ${user.id}` });
    }
    const [record] = await db().select().from(operatorActions).where(and(eq(operatorActions.subjectId, user.id), eq(operatorActions.action, 'refund')));
    expect(record.detail).toBe(`refunded deleted user ${user.id}`);
    expect(await db().select().from(mailMessages).where(eq(mailMessages.to, user.email))).toHaveLength(0);
  });

  it('stops, changing nothing, when Dodo refuses to cancel the subscription', async () => {
    const user = await withPassword();
    const { order } = await createOpenOrder(user.id, 'pro-monthly');
    const unknownAtDodo = dodoId('sub');
    const active = signedWebhook('subscription.active', subscriptionPayload({ subscriptionId: unknownAtDodo, status: 'active', productId: order.dodoProductId, orderId: order.id, email: user.email }));
    expect((await deliverWebhook(active)).status).toBe(200);

    expect(await deleteAccount(user, { email: user.email, password: 'current-password' })).toMatchObject({ ok: false, error: expect.stringMatching(/could not be cancelled/) });
    expect((await userRow(user.id)).email).toBe(user.email);
    expect(await liveSessions(user.id)).toEqual([user.sessionId]);
  });

  it('frees the address: signing up with it again makes a new account that inherits nothing', async () => {
    const user = await withPassword();
    expect(await deleteAccount(user, { email: user.email, password: 'current-password' })).toMatchObject({ ok: true });
    const fresh = await createUser({ email: user.email });
    expect(fresh.id).not.toBe(user.id);
  });
});
