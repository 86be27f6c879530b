// The checkout: Dodo's test cards, 3D Secure, UPI's processing step, abandoned checkouts, the preview, and what the
// hosted page honours (allowed methods, customization, Checkout.open options).
import { describe, expect, it } from 'vitest';
import { describeEveryDeliveredWebhook, harnessForFile, monthlyPrice, oneTimePrice } from './harness';

const h = harnessForFile({ reset: true });

async function session(extra: Record<string, unknown> = {}, price = oneTimePrice(1000)) {
  const product = await h.client.products.create({ name: 'Checkout item', price, tax_category: 'saas' });
  return h.client.checkoutSessions.create({
    product_cart: [{ product_id: product.product_id, quantity: 1 }],
    customer: { email: 'checkout@example.com', name: 'Ada' },
    return_url: 'https://merchant.test/return',
    ...extra,
  });
}

const page = async (url: string) => (await fetch(url.replace('https://test.checkout.dodopayments.com', h.sandbox.url))).text();

describe('test cards', () => {
  it('accepts Dodo\u2019s Indian success cards', async () => {
    for (const card of ['4576 2389 1277 1450', '5409 1620 6938 1034']) {
      const s = await session();
      expect((await h.sandbox.control.completeCheckout(s.session_id, { card_number: card, billing_address: { country: 'IN' } })).status).toBe('succeeded');
    }
  });

  it('asks 3DS cards and force_3ds sessions for a challenge that can pass, fail or be cancelled', async () => {
    const passed = await session();
    const pending = await h.sandbox.control.completeCheckout(passed.session_id, { card_number: '4000 0027 6000 3184' });
    expect(pending.status).toBe('requires_customer_action');
    expect((await h.client.payments.retrieve(pending.payment_id)).status).toBe('requires_customer_action');
    expect((await h.client.checkoutSessions.retrieve(passed.session_id)).payment_status).toBe('requires_customer_action');
    const done = await h.sandbox.control.completeThreeDs(passed.session_id, 'pass');
    expect(done).toMatchObject({ status: 'succeeded', payment_id: pending.payment_id });
    expect((await h.client.payments.retrieve(pending.payment_id)).status).toBe('succeeded');

    const forced = await session({ force_3ds: true });
    const failed = await h.sandbox.control.completeCheckout(forced.session_id, { card_number: '4242 4242 4242 4242', three_ds: 'fail' });
    expect(failed).toMatchObject({ status: 'failed', error_code: 'AUTHENTICATION_FAILED' });
    // The session stays open: the buyer may try again.
    const cancelled = await h.sandbox.control.completeCheckout(forced.session_id, { card_number: '4242 4242 4242 4242', three_ds: 'cancel' });
    expect(cancelled.status).toBe('cancelled');
    expect((await h.client.payments.retrieve(cancelled.payment_id)).status).toBe('cancelled');

    // The hosted page's own challenge endpoint.
    const viaPage = await h.sandbox.control.completeCheckout(forced.session_id, { card_number: '4242 4242 4242 4242' });
    expect(await page(`${h.sandbox.url}/session/${forced.session_id}`)).toContain('"pendingThreeDsPaymentId":"' + viaPage.payment_id);
    const answer = await fetch(`${h.sandbox.url}/session/${forced.session_id}/3ds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'pass' }) });
    expect(await answer.json()).toMatchObject({ status: 'succeeded', payment_id: viaPage.payment_id });

    await h.sandbox.control.flush();
    expect(h.receiver.received.map((w) => w.type)).toEqual(['payment.succeeded', 'payment.failed', 'payment.cancelled', 'payment.succeeded']);
  });

  it('cancels a payment still waiting for 3DS when its session expires', async () => {
    const s = await session();
    const pending = await h.sandbox.control.completeCheckout(s.session_id, { card_number: '4000 0000 0000 3220' });
    h.sandbox.control.advanceClock(2 * 86_400);
    expect((await h.client.payments.retrieve(pending.payment_id)).status).toBe('cancelled');
  });
});

describe('UPI', () => {
  it('reports payment.processing before the outcome', async () => {
    const s = await session();
    await h.sandbox.control.completeCheckout(s.session_id, { upi_id: 'success@upi' });
    await h.sandbox.control.flush();
    expect(h.receiver.received.map((w) => [w.type, w.payload.data.status])).toEqual([
      ['payment.processing', 'processing'],
      ['payment.succeeded', 'succeeded'],
    ]);
  });
});

describe('abandoned checkouts', () => {
  it('detects a failed checkout nobody paid within the hour, and reports its recovery', async () => {
    const s = await session();
    const declined = await h.sandbox.control.completeCheckout(s.session_id, { card_number: '4000 0000 0000 0002' });
    h.sandbox.control.advanceClock(30 * 60);
    await h.sandbox.control.flush();
    expect(h.receiver.ofType('abandoned_checkout.detected')).toHaveLength(0);
    h.sandbox.control.advanceClock(31 * 60);
    const paid = await h.sandbox.control.completeCheckout(s.session_id, { card_number: '4242 4242 4242 4242' });
    await h.sandbox.control.flush();
    expect(h.receiver.ofType('abandoned_checkout.detected')[0].payload.data).toMatchObject({ payment_id: declined.payment_id, abandonment_reason: 'payment_failed', status: 'abandoned' });
    expect(h.receiver.ofType('abandoned_checkout.recovered')[0].payload.data).toMatchObject({ status: 'recovered', recovered_payment_id: paid.payment_id });
  });
});

describe('the preview', () => {
  it('prices a cart by country, with the trial and the recurring amount, without creating anything', async () => {
    const plan = await h.client.products.create({ name: 'Previewed', price: monthlyPrice(2000, { trial_period_days: 14 }), tax_category: 'saas' });
    const preview = await h.client.checkoutSessions.preview({ product_cart: [{ product_id: plan.product_id, quantity: 2 }], billing_address: { country: 'DE' } });
    expect(preview).toMatchObject({
      billing_country: 'DE',
      currency: 'USD',
      current_breakup: { subtotal: 0, tax: 0, total_amount: 0 },
      recurring_breakup: { subtotal: 4000, tax: 760, total_amount: 4760 },
      trial_period_days: 14,
      product_cart: [expect.objectContaining({ product_id: plan.product_id, quantity: 2, is_subscription: true, tax_rate: 19 })],
    });
    expect((await h.client.payments.list()).items).toHaveLength(0);
  });
});

describe('the hosted page', () => {
  it('offers only the allowed methods and refuses the others', async () => {
    const s = await session({ allowed_payment_method_types: ['upi_collect'] });
    const html = await page(s.checkout_url as string);
    expect(html).toContain('value="upi" checked');
    expect(html).not.toContain('value="card"');
    await expect(h.sandbox.control.completeCheckout(s.session_id, { card_number: '4242424242424242' })).rejects.toMatchObject({ code: 'INVALID_PAYMENT_METHOD' });
  });

  it('honours the session\u2019s customization and the Checkout.open options', async () => {
    const s = await session({ customization: { theme: 'dark', show_order_details: false, theme_config: { font_size: 'lg', pay_button_text: 'Subscribe now', radius: '2px' } } });
    const themed = await page(s.checkout_url as string);
    expect(themed).toContain('theme-dark');
    expect(themed).toContain('font-size:17px');
    expect(themed).toContain('--radius:2px');
    expect(themed).toContain('Subscribe now');
    expect(themed).not.toContain('class="cart"');
    expect(themed).toContain('id="timer"');
    expect(themed).toContain('id="security-badge"');

    const opened = await page(`${s.checkout_url}?showTimer=false&showSecurityBadge=false&fontSize=xs&fontWeight=bold&payButtonText=Go&theme_buttonPrimary=%23ff0000`);
    expect(opened).not.toContain('id="timer"');
    expect(opened).not.toContain('id="security-badge"');
    expect(opened).toContain('font-size:13px;font-weight:700');
    expect(opened).toContain('--button:#ff0000');
    expect(opened).toContain('>Go</button>');
  });

  it('hands the inline SDK wallet keys only when the session allows a wallet', async () => {
    const plain = await session();
    expect(await page(`${h.sandbox.url}/inline/session/${plain.session_id}`)).toContain('"walletKeys":null');
    const wallet = await session({ allowed_payment_method_types: ['credit', 'apple_pay'] });
    expect(await page(`${h.sandbox.url}/inline/session/${wallet.session_id}`)).toContain(`"publishable_key":"pk_sandbox_${wallet.session_id}"`);
  });
});

describeEveryDeliveredWebhook(h);
