// Discount codes against real PostgreSQL and the sandbox: created at Dodo, checked before a checkout starts,
// applied by Dodo to the payment, and shown from the payment's webhook (billing, receipt, timeline).
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailMessages, orders, payments } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { sendReceiptEmail } from '@/lib/jobs/tasks/receipt-email';
import { buildTimeline, loadThread } from '@/lib/ops/timeline';
import { closeDb, createUser, db } from '@/test/fixtures';
import { buy, eventsFor, payCheckoutSession, relay } from '@/test/sandbox';
import { startCheckout } from './checkout';
import { createDiscount, disableDiscount, listDiscounts } from './discounts';

afterAll(closeDb);

const uniqueCode = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();

async function ordersOf(userId: string) {
  return db().select().from(orders).where(eq(orders.userId, userId));
}

describe('discount codes', () => {
  it('an operator creates a restricted, limited code at Dodo; a buyer pays the discounted price and sees it everywhere', async () => {
    const code = uniqueCode('PRO20');
    await createDiscount({ code, percentOff: 20, expiresAt: new Date(Date.now() + 86_400_000), usageLimit: 1, planIds: ['pro-monthly'] }, 'ops@example.com');
    expect((await listDiscounts()).find((d) => d.code === code)).toMatchObject({ percentOff: 20, usageLimit: 1, timesUsed: 0, plans: ['Pro (monthly)'], state: 'active' });

    const buyer = await createUser();
    const { order, paymentId } = await buy(buyer, 'pro-monthly', { discountCode: code });
    expect(order.discountCode).toBe(code);
    expect((await getDodo().discounts.retrieveByCode(code)).subscription_cycles).toBe(1);
    expect((await getDodo().payments.retrieve(paymentId!)).total_amount).toBe(960);
    for (const event of await eventsFor([order.id])) expect((await relay(event)).status).toBe(200);

    const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId!));
    expect(payment).toMatchObject({ amountCents: 960, discounts: [{ code, type: 'percentage', amount: 2000 }] });
    await sendReceiptEmail({
      fulfilment: { id: 'test', kind: 'receipt_email', subjectId: paymentId!, payload: {}, attempts: 1 },
      db: db(),
      config: { appUrl: 'http://127.0.0.1:3999', crmWebhookUrl: null },
    });
    const [mail] = await db().select().from(mailMessages).where(eq(mailMessages.to, buyer.email));
    expect(mail.text).toContain(`Discount: ${code} (20% off)`);
    expect(mail.text).toContain('Amount: $9.60');
    const timeline = buildTimeline((await loadThread(paymentId!))!);
    expect(timeline.map((e) => e.title)).toContain(`Discount ${code} (20% off) applied by Dodo`);

    // Used once of once: the next buyer is told so, and nothing is created for them.
    const next = await createUser();
    expect(await startCheckout({ buyer: next, planId: 'pro-monthly', discountCode: code })).toEqual({ ok: false, error: `The discount code ${code} has been used up.` });
    expect(await ordersOf(next.id)).toEqual([]);
    expect((await listDiscounts()).find((d) => d.code === code)?.state).toBe('used up');
  });

  it('refuses an unknown, expired, disabled or other-plan code with a clear message and creates nothing', async () => {
    const buyer = await createUser();
    const proOnly = uniqueCode('PROONLY');
    await createDiscount({ code: proOnly, percentOff: 10, expiresAt: null, usageLimit: null, planIds: ['pro-monthly'] }, 'ops@example.com');
    const expired = uniqueCode('OLD');
    await getDodo().discounts.create({ code: expired, type: 'percentage', amount: 1000, expires_at: new Date(Date.now() - 60_000).toISOString() });
    const disabled = uniqueCode('GONE');
    await createDiscount({ code: disabled, percentOff: 50, expiresAt: null, usageLimit: null, planIds: [] }, 'ops@example.com');
    const gone = (await listDiscounts()).find((d) => d.code === disabled)!;
    await disableDiscount(gone.id, 'ops@example.com');

    const cases: [string, string, string][] = [
      ['pro-monthly', 'NO-SUCH-CODE', 'The discount code NO-SUCH-CODE does not exist. Check it and try again.'],
      ['pro-monthly', 'bad code!', 'The discount code bad code! does not exist. Check it and try again.'],
      ['pro-monthly', expired, `The discount code ${expired} has expired.`],
      ['pro-monthly', disabled, `The discount code ${disabled} is no longer valid.`],
      ['lifetime', proOnly, `The discount code ${proOnly} is not valid for Lifetime licence.`],
    ];
    for (const [planId, code, error] of cases) {
      expect(await startCheckout({ buyer, planId, discountCode: code })).toEqual({ ok: false, error });
    }
    expect(await ordersOf(buyer.id)).toEqual([]);
    expect((await listDiscounts()).find((d) => d.code === disabled)?.state).toBe('disabled');
  });

  it('a code added after a checkout was opened gets a session of its own; the open one is not reused without it', async () => {
    const buyer = await createUser();
    const code = uniqueCode('LATER');
    await createDiscount({ code, percentOff: 50, expiresAt: null, usageLimit: null, planIds: [] }, 'ops@example.com');
    const plain = await startCheckout({ buyer, planId: 'lifetime' });
    const discounted = await startCheckout({ buyer, planId: 'lifetime', discountCode: code });
    expect(plain.ok && discounted.ok).toBe(true);
    if (!plain.ok || !discounted.ok) return;
    expect(discounted).toMatchObject({ orderId: plain.orderId, reused: false });
    expect(discounted.checkoutUrl).not.toBe(plain.checkoutUrl);
    const [order] = await ordersOf(buyer.id);
    expect(order.discountCode).toBe(code);
    expect((await getDodo().discounts.retrieveByCode(code)).subscription_cycles).toBe(1);
    await payCheckoutSession(order.checkoutSessionId!);
    const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
    expect((await getDodo().payments.retrieve(session.payment_id!)).total_amount).toBe(9950);
  });

  it('refuses an expiry in the past and a code that is taken, creating nothing more at Dodo', async () => {
    const code = uniqueCode('TWICE');
    await createDiscount({ code, percentOff: 5, expiresAt: null, usageLimit: null, planIds: [] }, 'ops@example.com');
    await expect(createDiscount({ code, percentOff: 5, expiresAt: null, usageLimit: null, planIds: [] }, 'ops@example.com')).rejects.toThrow('Dodo answered');
    await expect(createDiscount({ code: uniqueCode('PAST'), percentOff: 5, expiresAt: new Date(Date.now() - 1000), usageLimit: null, planIds: [] }, 'ops@example.com')).rejects.toThrow(
      'The expiry must be in the future.',
    );
    expect((await listDiscounts()).filter((d) => d.code === code)).toHaveLength(1);
  });
});
