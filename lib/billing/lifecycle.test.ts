// Every state a purchase moves through after checkout, applied from signed webhooks to a real PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { creditBalances, entitlements, payments, subscriptions } from '@/db/schema';
import { GRACE_PERIOD_DAYS } from './access-policy';
import { hasEntitlement } from './entitlements';
import { closeDb, createOpenOrder, createUser, db, deliverWebhook, dodoId, paymentPayload, refundPayload, signedWebhook, subscriptionPayload } from '@/test/fixtures';

afterAll(closeDb);

const DAY = 86_400_000;
let clock = Date.now() - 100 * DAY;
/** Each event a little later than the one before, as Dodo would stamp them. */
const nextEventAt = () => new Date((clock += 60_000));

async function send(type: string, data: Record<string, unknown>) {
  const d = signedWebhook(type, data, { eventAt: nextEventAt() });
  expect((await deliverWebhook(d)).status).toBe(200);
}

async function entitlementRows(userId: string, key: string) {
  return db().select().from(entitlements).where(and(eq(entitlements.userId, userId), eq(entitlements.key, key)));
}

async function subscribed(planId: string) {
  const user = await createUser();
  const { order, plan } = await createOpenOrder(user.id, planId);
  const subscriptionId = dodoId('sub');
  const sub = (status: string, extra: Partial<Parameters<typeof subscriptionPayload>[0]> = {}) =>
    subscriptionPayload({ subscriptionId, productId: order.dodoProductId, orderId: order.id, email: user.email, status, ...extra });
  await send('subscription.active', sub('active'));
  return { user, order, plan, subscriptionId, sub };
}

async function stored(subscriptionId: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
  return row;
}

describe('subscription lifecycle', () => {
  it('a renewal moves the billing date and extends access', async () => {
    const { user, subscriptionId, sub } = await subscribed('pro-monthly');
    const renewedUntil = new Date(Date.now() + 60 * DAY);
    await send('subscription.renewed', sub('active', { nextBillingDate: renewedUntil }));
    expect((await stored(subscriptionId)).nextBillingDate?.toISOString()).toBe(renewedUntil.toISOString());
    const [row] = await entitlementRows(user.id, 'pro');
    expect(row.validUntil!.getTime()).toBeGreaterThan(renewedUntil.getTime());
  });

  it(`a failed renewal puts it on hold with a ${GRACE_PERIOD_DAYS}-day grace period; recovery restores full access`, async () => {
    const { user, subscriptionId, sub } = await subscribed('pro-monthly');
    await send('subscription.on_hold', sub('on_hold'));
    const onHold = await stored(subscriptionId);
    expect(onHold.status).toBe('on_hold');
    const [grace] = await entitlementRows(user.id, 'pro');
    expect(grace.status).toBe('grace');
    expect(grace.validUntil!.getTime()).toBe(onHold.lastEventAt.getTime() + GRACE_PERIOD_DAYS * DAY);
    await send('subscription.active', sub('active'));
    const [restored] = await entitlementRows(user.id, 'pro');
    expect(restored.status).toBe('active');
  });

  it('cancel at period end is stored and keeps access meanwhile; undoing it clears the flag', async () => {
    const { user, subscriptionId, sub } = await subscribed('pro-yearly');
    await send('subscription.updated', sub('active', { cancelAtNextBillingDate: true }));
    expect((await stored(subscriptionId)).cancelAtPeriodEnd).toBe(true);
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(true);
    await send('subscription.updated', sub('active', { cancelAtNextBillingDate: false }));
    expect((await stored(subscriptionId)).cancelAtPeriodEnd).toBe(false);
  });

  it.each(['cancelled', 'expired', 'failed', 'paused'])('%s revokes access', async (status) => {
    const { user, sub } = await subscribed('pro-monthly');
    await send(`subscription.${status}`, sub(status));
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(false);
  });

  it('a plan change moves the entitlements: Team adds team, back to Pro removes it', async () => {
    const { user, subscriptionId, sub } = await subscribed('pro-monthly');
    const team = (await db().query.plans.findFirst({ where: (p, { eq: is }) => is(p.id, 'team-monthly') }))!;
    await send('subscription.plan_changed', sub('active', { productId: team.dodoProductId! }));
    expect((await stored(subscriptionId)).planId).toBe('team-monthly');
    expect(await hasEntitlement(user.id, 'team', db())).toBe(true);
    const pro = (await db().query.plans.findFirst({ where: (p, { eq: is }) => is(p.id, 'pro-monthly') }))!;
    await send('subscription.plan_changed', sub('active', { productId: pro.dodoProductId! }));
    expect(await hasEntitlement(user.id, 'team', db())).toBe(false);
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(true);
  });

  it('a lost dispute on a subscription payment revokes the subscription access', async () => {
    const { user, subscriptionId } = await subscribed('pro-monthly');
    const paymentId = dodoId('pay');
    await send('payment.succeeded', paymentPayload({ paymentId, amount: 1200, email: user.email, subscriptionId }));
    await send('dispute.opened', disputePayload(paymentId, 'dispute_opened'));
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(true);
    await send('dispute.lost', disputePayload(paymentId, 'dispute_lost'));
    expect(await hasEntitlement(user.id, 'pro', db())).toBe(false);
  });
});

function disputePayload(paymentId: string, status: string, disputeId = `dsc_${paymentId.slice(4)}`) {
  return { payload_type: 'Dispute', dispute_id: disputeId, payment_id: paymentId, dispute_status: status, dispute_stage: 'dispute', amount: '100', currency: 'USD', business_id: 'bus_test', created_at: new Date().toISOString() };
}

async function paidOneTime(planId: string) {
  const user = await createUser();
  const { order, plan } = await createOpenOrder(user.id, planId);
  const paymentId = dodoId('pay');
  await send('payment.succeeded', paymentPayload({ paymentId, amount: plan.priceCents, orderId: order.id, email: user.email }));
  return { user, plan, paymentId };
}

describe('refunds and disputes on one-time purchases', () => {
  it('a full refund revokes the licence and shows on the payment', async () => {
    const { user, paymentId } = await paidOneTime('lifetime');
    await send('refund.succeeded', refundPayload({ paymentId, amount: 19900 }));
    expect(await hasEntitlement(user.id, 'license', db())).toBe(false);
    const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId));
    expect(payment.refundedCents).toBe(19900);
  });

  it('a partial refund keeps the licence', async () => {
    const { user, paymentId } = await paidOneTime('lifetime');
    await send('refund.succeeded', refundPayload({ paymentId, amount: 5000, partial: true }));
    expect(await hasEntitlement(user.id, 'license', db())).toBe(true);
  });

  it('a partial refund of credits takes back the refunded share, once', async () => {
    const { user, paymentId } = await paidOneTime('credits-1000');
    const refund = refundPayload({ paymentId, amount: 250, partial: true });
    await send('refund.succeeded', refund);
    await send('refund.succeeded', refund); // the same refund again under a new webhook id
    const [balance] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(balance.balance).toBe(750);
  });

  it('a full refund of credits already spent takes back only what is left, never below zero', async () => {
    const { user, paymentId } = await paidOneTime('credits-1000');
    await db().update(creditBalances).set({ balance: 300 }).where(eq(creditBalances.userId, user.id));
    await send('refund.succeeded', refundPayload({ paymentId, amount: 1000 }));
    const [balance] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(balance.balance).toBe(0);
  });

  it('a dispute flags the payment; lost revokes, won keeps', async () => {
    const lost = await paidOneTime('lifetime');
    await send('dispute.opened', disputePayload(lost.paymentId, 'dispute_opened'));
    const [flagged] = await db().select().from(payments).where(eq(payments.id, lost.paymentId));
    expect(flagged.disputeStatus).toBe('dispute_opened');
    await send('dispute.lost', disputePayload(lost.paymentId, 'dispute_lost'));
    expect(await hasEntitlement(lost.user.id, 'license', db())).toBe(false);

    const won = await paidOneTime('lifetime');
    await send('dispute.opened', disputePayload(won.paymentId, 'dispute_opened'));
    await send('dispute.won', disputePayload(won.paymentId, 'dispute_won'));
    expect(await hasEntitlement(won.user.id, 'license', db())).toBe(true);
  });

  it('a lost dispute that arrives before its payment still revokes', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const paymentId = dodoId('pay');
    await send('dispute.lost', disputePayload(paymentId, 'dispute_lost'));
    await send('payment.succeeded', paymentPayload({ paymentId, amount: 19900, orderId: order.id, email: user.email }));
    expect(await hasEntitlement(user.id, 'license', db())).toBe(false);
  });
});
