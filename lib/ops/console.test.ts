// The console's reads against real PostgreSQL: who is an operator, search, timeline and dashboard.
import { afterAll, describe, expect, it } from 'vitest';
import { handleTracedDodoWebhook } from './webhook-deliveries';
import { isAdminEmail } from './admin-emails';
import { loadDashboard } from './dashboard';
import { searchOperations } from './search';
import { buildTimeline, loadThread } from './timeline';
import { closeDb, createOpenOrder, createUser, paymentPayload, refundPayload, signedWebhook } from '@/test/fixtures';

afterAll(closeDb);

describe('isAdminEmail', () => {
  it('matches listed emails case-insensitively, with spaces around commas, and nobody when unset', () => {
    expect(isAdminEmail('Ops@Example.test', ' ops@example.TEST , other@example.test')).toBe(true);
    expect(isAdminEmail('other@example.test', 'ops@example.test,other@example.test')).toBe(true);
    expect(isAdminEmail('buyer@example.test', 'ops@example.test')).toBe(false);
    expect(isAdminEmail('ops@example.test', '')).toBe(false);
    expect(isAdminEmail(null, 'ops@example.test')).toBe(false);
  });
});

describe('search and timeline', () => {
  it('any id of a paid order finds the same thread, with the bad signature and the duplicate on it', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'lifetime');
    const payment = paymentPayload({ amount: 19900, orderId: order.id, userId: user.id, email: user.email });
    const d = signedWebhook('payment.succeeded', payment);
    const forged = signedWebhook('payment.succeeded', payment, { id: d.id, secret: 'whsec_' + Buffer.from('not-the-secret').toString('base64') });
    expect((await handleTracedDodoWebhook(forged.body, forged.headers)).status).toBe(401);
    expect((await handleTracedDodoWebhook(d.body, d.headers)).status).toBe(200);
    expect((await handleTracedDodoWebhook(d.body, d.headers)).body).toMatchObject({ duplicate: true });

    const byEmail = await searchOperations(user.email.toUpperCase());
    expect(byEmail.map((h) => h.id)).toEqual(expect.arrayContaining([order.id, payment.payment_id]));
    for (const id of [order.id, order.requestId, order.checkoutSessionId!, payment.payment_id, d.id]) {
      expect((await searchOperations(id)).length).toBeGreaterThan(0);
      const thread = await loadThread(id);
      expect(thread?.orders.map((o) => o.id)).toEqual([order.id]);
    }
    const timeline = buildTimeline((await loadThread(payment.payment_id))!);
    const deliveries = timeline.filter((e) => e.kind === 'delivery');
    expect(deliveries.map((e) => e.detail)).toEqual([
      expect.stringContaining('Signature invalid; rejected'),
      expect.stringContaining('Signature valid; applied (applied)'),
      expect.stringContaining('duplicate'),
    ]);
    expect(timeline.some((e) => e.kind === 'webhook' && e.title.includes('payment.succeeded'))).toBe(true);
    expect(timeline.some((e) => e.kind === 'state' && e.title === 'Order marked paid')).toBe(true);
    expect(timeline.some((e) => e.kind === 'access' && e.title.includes('license'))).toBe(true);
  });

  it('a credits purchase refunded in part shows the grant and the clawback in its timeline', async () => {
    const user = await createUser();
    const { order } = await createOpenOrder(user.id, 'credits-1000');
    const payment = paymentPayload({ amount: 1000, orderId: order.id, email: user.email });
    const paid = signedWebhook('payment.succeeded', payment);
    const refunded = signedWebhook('refund.succeeded', refundPayload({ paymentId: payment.payment_id, amount: 250, partial: true }));
    for (const d of [paid, refunded]) expect((await handleTracedDodoWebhook(d.body, d.headers)).status).toBe(200);

    const credits = buildTimeline((await loadThread(payment.payment_id))!).filter((e) => e.kind === 'credits');
    expect(credits.map((e) => e.title)).toEqual(['Credits +1,000', 'Credits -250']);
  });

  it('an unknown id finds nothing', async () => {
    expect(await searchOperations('pay_nothingcalledthis0000')).toEqual([]);
    expect(await loadThread('pay_nothingcalledthis0000')).toBeNull();
  });
});

describe('loadDashboard', () => {
  it('answers every series for each of the last 30 days', async () => {
    const d = await loadDashboard(30);
    for (const series of [d.revenue, d.mrr, d.webhookLagP95, d.webhookFailures, d.jobFailures]) expect(series).toHaveLength(30);
    expect(d.paymentsByStatus.find((p) => p.label === 'succeeded')?.value).toBeGreaterThan(0);
  });
});
