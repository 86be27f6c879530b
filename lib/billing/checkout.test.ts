// startCheckout (the pricing page's server action) against real PostgreSQL and the sandbox via the SDK.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { POST } from '@/app/api/webhooks/dodo/route';
import { orders, plans, users } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { startCheckout } from './checkout';
import { closeDb, createOpenOrder, createUser, db, dodoId, signedWebhook, subscriptionPayload } from '@/test/fixtures';
import { payCheckoutSession } from '@/test/sandbox';

afterAll(closeDb);

describe('startCheckout', () => {
  it('creates the order first, then a Dodo session carrying order and user ids, priced from the database', async () => {
    const buyer = await createUser();
    const result = await startCheckout({ buyer, planId: 'pro-monthly', requestId: 'req-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [order] = await db().select().from(orders).where(eq(orders.id, result.orderId));
    const [plan] = await db().select().from(plans).where(eq(plans.id, 'pro-monthly'));
    expect(order).toMatchObject({ status: 'open', userId: buyer.id, amountCents: plan.priceCents, requestId: 'req-1' });
    expect(order.checkoutUrl).toBe(result.checkoutUrl);
    // Dodo hands a session's metadata on to the payment it makes: pay it, then read that back.
    await payCheckoutSession(order.checkoutSessionId!);
    const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
    const payment = await getDodo().payments.retrieve(session.payment_id!);
    expect(payment.metadata).toEqual({ order_id: order.id, user_id: buyer.id, request_id: 'req-1' });
    expect(payment.total_amount).toBe(plan.priceCents);
  });

  it('ten concurrent clicks share one order and one checkout session', async () => {
    const buyer = await createUser();
    const results = await Promise.all(Array.from({ length: 10 }, () => startCheckout({ buyer, planId: 'lifetime' })));
    const urls = new Set(results.map((r) => (r.ok ? r.checkoutUrl : r.error)));
    expect(urls.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.reused)).toHaveLength(1);
    const rows = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(rows).toHaveLength(1);
  });

  it('a second tab later gets the same open session', async () => {
    const buyer = await createUser();
    const first = await startCheckout({ buyer, planId: 'credits-1000' });
    const second = await startCheckout({ buyer, planId: 'credits-1000' });
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(second.checkoutUrl).toBe(first.checkoutUrl);
      expect(second.reused).toBe(true);
    }
  });

  it('refuses an unknown plan and creates nothing', async () => {
    const buyer = await createUser();
    const result = await startCheckout({ buyer, planId: 'free-forever' });
    expect(result).toEqual({ ok: false, error: 'That plan does not exist.' });
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(0);
  });

  it.each(['active', 'on_hold', 'past_due'])('refuses a second checkout of a plan whose subscription is %s, and creates no order', async (status) => {
    const buyer = await createUser();
    const { order } = await createOpenOrder(buyer.id, 'pro-monthly');
    const subscription = subscriptionPayload({ subscriptionId: dodoId('sub'), status, productId: order.dodoProductId, orderId: order.id, email: buyer.email });
    const d = signedWebhook(`subscription.${status}`, subscription);
    expect((await POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: d.headers, body: d.body }))).status).toBe(200);
    const result = await startCheckout({ buyer, planId: 'pro-monthly' });
    expect(result).toEqual({ ok: false, error: 'You already have Pro (monthly). Change your plan on the billing page instead of buying a second subscription.' });
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(1);
  });

  it('a Dodo API error becomes a clear message and a failed order; the next try starts afresh', async () => {
    // A Dodo customer Dodo does not know, on this buyer only: shared catalogue rows stay untouched, since
    // other test files read them at the same time (and the catalogue sync test would "repair" them).
    const buyer = await createUser();
    await db().update(users).set({ dodoCustomerId: 'cus_doesnotexist000000000' }).where(eq(users.id, buyer.id));
    const result = await startCheckout({ buyer, planId: 'team-yearly' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/could not start the checkout/);
    const [order] = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(order.status).toBe('failed');
    expect(order.error).toMatch(/cus_doesnotexist000000000 not found/);

    await db().update(users).set({ dodoCustomerId: null }).where(eq(users.id, buyer.id));
    const retry = await startCheckout({ buyer, planId: 'team-yearly' });
    expect(retry.ok).toBe(true);
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(2);
  });

  it('a Pro-yearly subscriber cannot buy any other plan of the line (Pro monthly, Team), whatever the client sends', async () => {
    const buyer = await createUser();
    await subscribe(buyer, 'pro-yearly');
    for (const planId of ['pro-monthly', 'pro-yearly', 'team-monthly', 'team-yearly']) {
      const result = await startCheckout({ buyer, planId });
      expect(result).toEqual({ ok: false, error: 'You already have Pro (yearly). Change your plan on the billing page instead of buying a second subscription.' });
    }
    // One-time plans are another line: they stay on sale.
    expect((await startCheckout({ buyer, planId: 'credits-1000' })).ok).toBe(true);
    const open = await db().select().from(orders).where(and(eq(orders.userId, buyer.id), eq(orders.status, 'open')));
    expect(open.map((o) => o.planId)).toEqual(['credits-1000']);
  });

  it('ten concurrent attempts across the plans of a line leave exactly one open checkout on it', async () => {
    const buyer = await createUser();
    const line = ['pro-monthly', 'pro-yearly', 'team-monthly', 'team-yearly'];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => startCheckout({ buyer, planId: line[i % line.length] })));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(rows.filter((o) => o.status === 'open')).toHaveLength(1);
    expect(rows.filter((o) => o.status !== 'open').every((o) => o.status === 'expired')).toBe(true);
  });

  it('ten attempts racing the webhook that makes the subscription live: none leaves a second checkout open, later ones are refused', async () => {
    const buyer = await createUser();
    const { order } = await createOpenOrder(buyer.id, 'pro-yearly');
    const live = signedWebhook('subscription.active', subscriptionPayload({ subscriptionId: dodoId('sub'), status: 'active', productId: order.dodoProductId, orderId: order.id, email: buyer.email }));
    const line = ['pro-monthly', 'pro-yearly', 'team-monthly', 'team-yearly'];
    const [delivered] = await Promise.all([
      POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: live.headers, body: live.body })),
      ...Array.from({ length: 10 }, (_, i) => startCheckout({ buyer, planId: line[i % line.length] })),
    ]);
    expect(delivered.status).toBe(200);
    const rows = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(rows.filter((o) => o.status === 'open')).toHaveLength(0);
    expect(rows.find((o) => o.id === order.id)?.status).toBe('paid');
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => startCheckout({ buyer, planId: line[i % line.length] })));
    expect(after.every((r) => !r.ok)).toBe(true);
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(rows.length);
  });
});

/** A live subscription of `planId` for the buyer, as its webhook leaves it. */
async function subscribe(buyer: { id: string; email: string }, planId: string) {
  const { order } = await createOpenOrder(buyer.id, planId);
  const d = signedWebhook('subscription.active', subscriptionPayload({ subscriptionId: dodoId('sub'), status: 'active', productId: order.dodoProductId, orderId: order.id, email: buyer.email }));
  expect((await POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: d.headers, body: d.body }))).status).toBe(200);
}
