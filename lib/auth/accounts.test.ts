// Identity that grants anything rests on a verified email: operators, checkout, the Dodo customer.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { POST } from '@/app/api/webhooks/dodo/route';
import { operatorActions, orders, payments, users, verificationTokens } from '@/db/schema';
import { startCheckout } from '@/lib/billing/checkout';
import { getDodo } from '@/lib/dodo/client';
import { setRole } from '@/lib/ops/operators';
import { closeDb, createOpenOrder, createUser, db, paymentPayload, signedWebhook } from '@/test/fixtures';
import { payCheckoutSession } from '@/test/sandbox';
import bcrypt from 'bcryptjs';
import { hit } from '@/lib/rate-limit';
import { consumeToken, issueToken } from './tokens';
import { authenticateWithPassword, createPasswordUser, TooManySignInAttempts } from './users';
import { markEmailVerified, verifyEmailWithToken } from './verification';

afterAll(closeDb);

const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];
const deliver = (d: ReturnType<typeof signedWebhook>) => POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: d.headers, body: d.body }));

describe('operators', () => {
  it('ADMIN_EMAILS does not promote an unverified sign-up of a listed address; verifying it does', async () => {
    const user = await createUser({ email: 'listed-operator@example.test', verified: false });
    expect((await userRow(user.id)).role).toBe('user');

    expect(await markEmailVerified(user.id, 'listed-operator@example.test')).toBe(true);
    expect((await userRow(user.id)).role).toBe('operator');
    const [grant] = await db().select().from(operatorActions).where(eq(operatorActions.subjectId, user.id));
    expect(grant).toMatchObject({ actor: 'ADMIN_EMAILS', action: 'grant operator', ok: true });
    await db().delete(users).where(eq(users.id, user.id));
  });

  it('the CLI grant refuses an unverified account, grants a verified one, and both changes are on record', async () => {
    const unverified = await createUser({ verified: false });
    expect(await setRole(unverified.email, 'operator', 'npm run admin:grant')).toEqual({ ok: false, error: expect.stringMatching(/not verified/) });
    expect((await userRow(unverified.id)).role).toBe('user');

    const verified = await createUser();
    expect(await setRole(verified.email.toUpperCase(), 'operator', 'npm run admin:grant')).toMatchObject({ ok: true, changed: true });
    expect((await userRow(verified.id)).role).toBe('operator');
    expect(await setRole(verified.email, 'user', 'npm run admin:revoke')).toMatchObject({ ok: true, changed: true });
    expect((await userRow(verified.id)).role).toBe('user');
    const record = await db().select().from(operatorActions).where(eq(operatorActions.subjectId, verified.id)).orderBy(operatorActions.id);
    expect(record.map((r) => [r.actor, r.action])).toEqual([
      ['npm run admin:grant', 'grant operator'],
      ['npm run admin:revoke', 'revoke operator'],
    ]);
  });
});

describe('email verification links', () => {
  it('verify the address they were sent to, once; only a hash is stored', async () => {
    const user = await createUser({ verified: false });
    const token = await issueToken('verify-email', user.id, user.email, 60_000);
    const stored = await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, `verify-email:${user.id}:${user.email}`));
    expect(stored).toHaveLength(1);
    expect(stored[0].token).not.toBe(token);

    expect(await verifyEmailWithToken(token)).toBe(true);
    expect((await userRow(user.id)).emailVerified).not.toBeNull();
    expect(await verifyEmailWithToken(token)).toBe(false);
  });

  it('do not verify an address the account no longer has, nor outlive their expiry', async () => {
    const user = await createUser({ verified: false });
    const token = await issueToken('verify-email', user.id, user.email, 60_000);
    await db().update(users).set({ email: `changed-${user.email}` }).where(eq(users.id, user.id));
    expect(await verifyEmailWithToken(token)).toBe(false);
    expect((await userRow(user.id)).emailVerified).toBeNull();

    const expired = await issueToken('verify-email', user.id, user.email, -1);
    expect(await consumeToken('verify-email', expired)).toBeNull();
  });
});

describe('checkout and the Dodo customer', () => {
  it('an unverified account cannot start a checkout: no order, no Dodo customer', async () => {
    const buyer = await createUser({ verified: false });
    const result = await startCheckout({ buyer, planId: 'pro-monthly' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/Confirm your email address/) });
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(0);
    expect((await userRow(buyer.id)).dodoCustomerId).toBeNull();
  });

  it('creates one Dodo customer per buyer before the first session, stores it, and passes it by id on every checkout', async () => {
    const buyer = await createUser();

    const first = await startCheckout({ buyer, planId: 'lifetime' });
    const second = await startCheckout({ buyer, planId: 'credits-1000' });
    expect(first.ok && second.ok).toBe(true);
    const { dodoCustomerId } = await userRow(buyer.id);
    expect(dodoCustomerId).toMatch(/^cus_/);
    for (const order of await db().select().from(orders).where(eq(orders.userId, buyer.id))) {
      await payCheckoutSession(order.checkoutSessionId!);
      const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
      const payment = await getDodo().payments.retrieve(session.payment_id!);
      expect(payment.customer.customer_id).toBe(dodoCustomerId);
    }
  });

  it("a paid webhook carrying a customer id we did not create is never stored as the buyer's customer", async () => {
    const buyer = await createUser();
    const { order } = await createOpenOrder(buyer.id, 'lifetime');
    const payment = paymentPayload({ amount: order.amountCents, orderId: order.id, userId: buyer.id, email: buyer.email });
    const res = await deliver(signedWebhook('payment.succeeded', { ...payment, customer: { customer_id: 'cus_theirs0000000000000', email: buyer.email, name: 'x' } }));
    expect(res.status).toBe(200);
    expect((await userRow(buyer.id)).dodoCustomerId).toBeNull();
  });

  it('an event with none of our ids but a known customer email is stored unattributed and grants nothing', async () => {
    const buyer = await createUser();
    const payment = paymentPayload({ amount: 1200, email: buyer.email });
    const res = await deliver(signedWebhook('payment.succeeded', payment));
    expect(res.status).toBe(200);
    const [stored] = await db().select().from(payments).where(eq(payments.id, payment.payment_id));
    expect(stored?.userId ?? null).toBeNull();
  });
});

describe('rate limits', () => {
  it('after 10 attempts on one account in 15 minutes, even the right password is refused', async () => {
    const email = `locked-${crypto.randomUUID()}@example.test`;
    await createPasswordUser({ name: 'Locked', email, password: 'right-password' });
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => authenticateWithPassword({ email, password: `wrong-${i}` }, `192.0.2.${i}`)));
    expect(attempts).toEqual(Array(10).fill(null));
    await expect(authenticateWithPassword({ email, password: 'right-password' }, '192.0.2.99')).rejects.toBeInstanceOf(TooManySignInAttempts);
  });

  it('counts exactly under concurrency: 30 checkouts at once, 20 allowed', async () => {
    const subject = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 30 }, () => hit('checkoutPerUser', subject)));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('a bcryptjs hash from before signs in and is replaced by a scrypt hash', async () => {
    const user = await createUser();
    await db().update(users).set({ passwordHash: await bcrypt.hash('legacy-password', 4) }).where(eq(users.id, user.id));
    expect(await authenticateWithPassword({ email: user.email, password: 'legacy-password' }, '192.0.2.200')).toMatchObject({ id: user.id });
    expect((await userRow(user.id)).passwordHash).toMatch(/^scrypt\$/);
    expect(await authenticateWithPassword({ email: user.email, password: 'legacy-password' }, '192.0.2.200')).toMatchObject({ id: user.id });
  });
});
