// The webhook route against a real PostgreSQL: signatures, the inbox, ordering and concurrency.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { creditBalances, creditLedger, entitlements, fulfilments, orders, payments, subscriptions, webhookDeliveries, webhookEvents } from '@/db/schema';
import { hasEntitlement } from './entitlements';
import {
  closeDb,
  createOpenOrder,
  createUser,
  db,
  deliverWebhook as deliver,
  dodoId,
  paymentPayload,
  refundPayload,
  signedWebhook,
  subscriptionPayload,
} from '@/test/fixtures';

afterAll(closeDb);

async function inboxRow(webhookId: string) {
  const [row] = await db().select().from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId));
  return row;
}

describe('POST /api/webhooks/dodo: verification', () => {
  it('answers 401 to a bad signature and stores nothing', async () => {
    const user = await createUser();
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 100, email: user.email }), {
      secret: 'whsec_' + Buffer.from('not-the-real-secret-at-all').toString('base64'),
    });
    const res = await deliver(d);
    expect(res.status).toBe(401);
    expect(await inboxRow(d.id)).toBeUndefined();
  });

  it('answers 401 to missing signature headers', async () => {
    const d = signedWebhook('payment.succeeded', {});
    const res = await deliver({ body: d.body });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a timestamp outside the five-minute tolerance', async () => {
    const user = await createUser();
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 100, email: user.email }), {
      signedAt: new Date(Date.now() - 10 * 60 * 1000),
    });
    expect((await deliver(d)).status).toBe(401);
    expect(await inboxRow(d.id)).toBeUndefined();
  });

  it('answers 401 when the body was changed after signing', async () => {
    const user = await createUser();
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 100, email: user.email }));
    const res = await deliver({ ...d, body: d.body.replace('"total_amount":100', '"total_amount":1') });
    expect(res.status).toBe(401);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const d = signedWebhook('x', {}, { rawBody: 'not json at all' });
    expect((await deliver(d)).status).toBe(400);
    expect(await inboxRow(d.id)).toBeUndefined();
  });

  it('answers 400 to a verified payload missing what the app needs, and applies nothing', async () => {
    const user = await createUser();
    const { payment_id: _, ...withoutId } = paymentPayload({ amount: 100, email: user.email });
    const d = signedWebhook('payment.succeeded', withoutId);
    const res = await deliver(d);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('payment_id') });
    expect(await inboxRow(d.id)).toBeUndefined();
  });

  it('stores and acknowledges an event type it does not act on', async () => {
    const d = signedWebhook('abandoned_checkout.detected', { payload_type: 'AbandonedCheckout', session_id: dodoId('cks') });
    const res = await deliver(d);
    expect(res.status).toBe(200);
    expect((await inboxRow(d.id))?.outcome).toBe('ignored');
  });
});

describe('POST /api/webhooks/dodo: effects', () => {
  it('a lifetime payment marks the order paid and grants the licence entitlement', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 19900, orderId: order.id, userId: user.id, email: user.email }));
    const res = await deliver(d);
    expect(res.status).toBe(200);
    const [after] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(after.status).toBe('paid');
    expect(await hasEntitlement(user.id, 'license', db())).toBe(true);
    expect((await inboxRow(d.id))?.outcome).toBe('applied');
  });

  it('a failed payment grants nothing and leaves the order open for another try', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const d = signedWebhook('payment.failed', paymentPayload({ amount: 19900, status: 'failed', orderId: order.id, email: user.email }));
    expect((await deliver(d)).status).toBe(200);
    const [after] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(after.status).toBe('open');
    expect(await hasEntitlement(user.id, 'license', db())).toBe(false);
  });

  it('a duplicate delivery answers 200 and changes nothing', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'credits-1000');
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 1000, orderId: order.id, email: user.email }));
    expect((await deliver(d)).status).toBe(200);
    const second = await deliver(d);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true });
    const [balance] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(balance.balance).toBe(1000);
  });

  it('twenty concurrent deliveries of one event have exactly one effect', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'credits-1000');
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 1000, orderId: order.id, email: user.email }));
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(d)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);
    const ledger = await db().select().from(creditLedger).where(eq(creditLedger.userId, user.id));
    expect(ledger).toHaveLength(1);
    const [balance] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(balance.balance).toBe(1000);
    const paymentId = (JSON.parse(d.body) as { data: { payment_id: string } }).data.payment_id;
    const receipts = await db().select().from(fulfilments).where(and(eq(fulfilments.kind, 'receipt_email'), eq(fulfilments.subjectId, paymentId)));
    expect(receipts).toHaveLength(1);
  });

  it.each([
    ['unset', undefined, ['receipt_email']],
    ['set', 'http://127.0.0.1:9/crm', ['crm_webhook', 'receipt_email']],
  ])("a paid one-time purchase enqueues its receipt, the buyer's onboarding, and a CRM call only while CRM_WEBHOOK_URL is set (%s)", async (_, crmUrl, paymentJobs) => {
    const before = process.env.CRM_WEBHOOK_URL;
    // Test setup: jobsConfig() reads the variable at each webhook.
    if (crmUrl) process.env.CRM_WEBHOOK_URL = crmUrl;
    else delete process.env.CRM_WEBHOOK_URL;
    try {
      const user = await createUser();
      const { order } = await createOpenOrder(user.id, 'lifetime');
      const paymentId = dodoId('pay');
      await deliver(signedWebhook('payment.succeeded', paymentPayload({ paymentId, amount: 19900, orderId: order.id, email: user.email })));
      const kinds = await db().select({ kind: fulfilments.kind }).from(fulfilments).where(eq(fulfilments.subjectId, paymentId));
      expect(kinds.map((k) => k.kind).sort()).toEqual(paymentJobs);
      const onboarding = await db().select().from(fulfilments).where(eq(fulfilments.subjectId, user.id));
      expect(onboarding.map((f) => f.kind).sort()).toEqual(['onboarding_email', 'provision_workspace']);
    } finally {
      if (before === undefined) delete process.env.CRM_WEBHOOK_URL;
      else process.env.CRM_WEBHOOK_URL = before;
    }
  });

  it('twenty concurrent deliveries of the same payment under different webhook ids still grant credits once', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'credits-1000');
    const payload = paymentPayload({ amount: 1000, orderId: order.id, email: user.email });
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(signedWebhook('payment.succeeded', payload))));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const [balance] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(balance.balance).toBe(1000);
  });

  it('two events for one subscription delivered newest first: the newest state wins', async () => {
    const user = await createUser();
    const { order, plan } = await createOpenOrder(user.id, 'pro-monthly');
    const subscriptionId = dodoId('sub');
    const base = { subscriptionId, productId: order.dodoProductId, orderId: order.id, email: user.email };
    const t1 = new Date(Date.now() - 60_000);
    const t2 = new Date();
    const newer = signedWebhook('subscription.on_hold', subscriptionPayload({ ...base, status: 'on_hold' }), { eventAt: t2 });
    const older = signedWebhook('subscription.active', subscriptionPayload({ ...base, status: 'active' }), { eventAt: t1 });
    expect((await deliver(newer)).status).toBe(200);
    expect((await deliver(older)).status).toBe(200);
    const [sub] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(sub.status).toBe('on_hold');
    expect((await inboxRow(older.id))?.outcome).toBe('stale');
    const rows = await db().select().from(entitlements).where(and(eq(entitlements.userId, user.id), eq(entitlements.key, 'pro')));
    expect(rows.map((r) => r.status)).toEqual(['grace']);
    expect(plan.entitlements).toContain('pro');
  });

  it('an active subscription grants every key of its plan and marks the order paid; cancellation revokes them', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'team-monthly');
    const subscriptionId = dodoId('sub');
    const base = { subscriptionId, productId: order.dodoProductId, orderId: order.id, email: user.email };
    await deliver(signedWebhook('subscription.active', subscriptionPayload({ ...base, status: 'active' }), { eventAt: new Date(Date.now() - 1000) }));
    expect(await hasEntitlement(user.id, 'team', db())).toBe(true);
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(true);
    const [paid] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(paid.status).toBe('paid');
    await deliver(signedWebhook('subscription.cancelled', subscriptionPayload({ ...base, status: 'cancelled' })));
    expect(await hasEntitlement(user.id, 'team', db())).toBe(false);
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(false);
  });

  it('a refund that arrives before its payment still ends with the access revoked', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const paymentId = dodoId('pay');
    const pay = paymentPayload({ paymentId, amount: 19900, orderId: order.id, email: user.email });
    await deliver(signedWebhook('refund.succeeded', refundPayload({ paymentId, amount: 19900 }), { eventAt: new Date() }));
    await deliver(signedWebhook('payment.succeeded', pay, { eventAt: new Date(Date.now() - 5000) }));
    expect(await hasEntitlement(user.id, 'license', db())).toBe(false);
    const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId));
    expect(payment.refundedCents).toBe(19900);
  });

  it('a database failure answers 5xx and leaves no inbox row, so the retry is applied', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const paymentId = dodoId('pay');
    await deliver(signedWebhook('payment.succeeded', paymentPayload({ paymentId, amount: 19900, orderId: order.id, email: user.email })));
    // An amount beyond PostgreSQL's integer range makes the insert fail inside the transaction.
    const d = signedWebhook('refund.succeeded', refundPayload({ paymentId, amount: 3_000_000_000 }));
    const res = await deliver(d);
    expect(res.status).toBe(503);
    expect(await inboxRow(d.id)).toBeUndefined();
    expect(await hasEntitlement(user.id, 'license', db())).toBe(true);
  });

  it('a failure in one of the writes sent together after the payment leaves nothing of the others', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'credits-1000');
    // The credit ledger write fails for this user only (a trigger: DDL takes no bind parameters);
    // the entitlement, order and job writes go out in the same batch.
    const fn = sql.identifier(`fail_ledger_${user.id.replaceAll('-', '_')}`);
    await db().execute(sql`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'ledger unavailable'; end $$`);
    await db().execute(sql`create trigger ${fn} before insert on credit_ledger for each row when (new.user_id = ${sql.raw(`'${user.id}'`)}) execute function ${fn}()`);
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 500, orderId: order.id, email: user.email }));
    try {
      expect((await deliver(d)).status).toBe(503);
      expect(await inboxRow(d.id)).toBeUndefined();
      expect(await db().select().from(entitlements).where(eq(entitlements.userId, user.id))).toHaveLength(0);
      expect(await db().select().from(fulfilments).where(eq(fulfilments.subjectId, user.id))).toHaveLength(0);
      expect((await db().select().from(orders).where(eq(orders.id, order.id)))[0].status).toBe('open');
      // The operator sees the real cause, not the "transaction is aborted" of the writes sent after it.
      const [failed] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, d.id));
      expect(failed).toMatchObject({ result: 'failed', statusCode: 503, error: 'ledger unavailable' });
    } finally {
      await db().execute(sql`drop trigger ${fn} on credit_ledger`);
      await db().execute(sql`drop function ${fn}()`);
    }
    // Dodo's retry of the same delivery is then applied in full, once.
    expect((await deliver(d)).status).toBe(200);
    expect((await inboxRow(d.id)).outcome).toBe('applied');
    expect((await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id)))[0].balance).toBe(1000);
    // The trace: the failed attempt's row (the applied-row written in its transaction went with it), then the retry's.
    const traced = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, d.id)).orderBy(webhookDeliveries.seq);
    expect(traced.map((t) => [t.result, t.statusCode, t.outcome, t.eventType])).toEqual([
      ['failed', 503, null, 'payment.succeeded'],
      ['applied', 200, 'applied', 'payment.succeeded'],
    ]);
    expect((await db().select().from(orders).where(eq(orders.id, order.id)))[0].status).toBe('paid');
  });
});
