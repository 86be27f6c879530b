// Add-ons (seats) and discounts through the official SDK: CRUD, at checkout, on renewals and on change-plan.
import { describe, expect, it } from 'vitest';
import { DAY, describeEveryDeliveredWebhook, failure, harnessForFile, monthlyPrice, oneTimePrice } from './harness';

const h = harnessForFile({ reset: true });

async function pay(sessionId: string) {
  return h.sandbox.control.completeCheckout(sessionId, { card_number: '4242 4242 4242 4242' });
}

describe('add-ons', () => {
  it('creates, updates and lists add-ons, sells seats with a plan, renews them and changes them with the plan', async () => {
    const seat = await h.client.addons.create({ name: 'Seat', price: 500, currency: 'USD', tax_category: 'saas' });
    expect(seat.id).toMatch(/^adn_/);
    expect((await h.client.addons.update(seat.id, { description: 'One more teammate' })).description).toBe('One more teammate');
    expect((await h.client.addons.list()).items.map((a) => a.id)).toEqual([seat.id]);

    const team = await h.client.products.create({ name: 'Team', price: monthlyPrice(2000), tax_category: 'saas', addons: [seat.id] });
    const solo = await h.client.products.create({ name: 'Solo', price: monthlyPrice(1000), tax_category: 'saas' });
    expect(
      await failure(h.client.checkoutSessions.create({ product_cart: [{ product_id: solo.product_id, quantity: 1, addons: [{ addon_id: seat.id, quantity: 1 }] }] })),
    ).toEqual({ status: 422, code: 'INVALID_REQUEST_BODY' });

    const session = await h.client.checkoutSessions.create({
      product_cart: [{ product_id: team.product_id, quantity: 1, addons: [{ addon_id: seat.id, quantity: 3 }] }],
      customer: { email: 'seats@example.com', name: 'Seats' },
    });
    const paid = await pay(session.session_id);
    expect((await h.client.payments.retrieve(paid.payment_id)).total_amount).toBe(3500);
    const subscriptionId = paid.subscription_id as string;
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ addons: [{ addon_id: seat.id, quantity: 3 }], recurring_pre_tax_amount: 3500 });

    h.sandbox.control.advanceClock(31 * DAY);
    const renewal = (await h.client.payments.list({ subscription_id: subscriptionId })).items[0];
    expect((await h.client.payments.retrieveLineItems(renewal.payment_id)).items.map((l) => [l.items_id, l.amount])).toEqual([
      [team.product_id, 2000],
      [seat.id, 1500],
    ]);

    await h.client.subscriptions.changePlan(subscriptionId, { product_id: team.product_id, quantity: 1, proration_billing_mode: 'do_not_bill', addons: [{ addon_id: seat.id, quantity: 5 }] });
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ addons: [{ addon_id: seat.id, quantity: 5 }], recurring_pre_tax_amount: 4500 });
    await h.client.subscriptions.changePlan(subscriptionId, { product_id: team.product_id, quantity: 1, proration_billing_mode: 'do_not_bill' });
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ addons: [], recurring_pre_tax_amount: 2000 });
  });
});

describe('a seat change mid-period', () => {
  it('previews an add-on line prorated for the rest of the period, then charges it as an add-on line item', async () => {
    const seat = await h.client.addons.create({ name: 'Seat', price: 600, currency: 'USD', tax_category: 'saas' });
    const team = await h.client.products.create({ name: 'Team', price: monthlyPrice(3000), tax_category: 'saas', addons: [seat.id] });
    const session = await h.client.checkoutSessions.create({
      product_cart: [{ product_id: team.product_id, quantity: 1, addons: [{ addon_id: seat.id, quantity: 1 }] }],
      customer: { email: 'prorate@example.com', name: 'Prorate' },
      billing_address: { country: 'DE' },
    });
    const subscriptionId = (await pay(session.session_id)).subscription_id as string;
    const { previous_billing_date, next_billing_date } = await h.client.subscriptions.retrieve(subscriptionId);
    h.sandbox.control.advanceClock((new Date(next_billing_date).getTime() - new Date(previous_billing_date).getTime()) / 2000);

    const change = { product_id: team.product_id, quantity: 1, proration_billing_mode: 'prorated_immediately' as const, addons: [{ addon_id: seat.id, quantity: 3 }] };
    const preview = await h.client.subscriptions.previewChangePlan(subscriptionId, change);
    // Two more seats at 6.00 for half a period: 6.00 net, plus Germany's 19 % tax.
    expect(preview.immediate_charge.line_items).toEqual([
      expect.objectContaining({ type: 'addon', id: seat.id, quantity: 2, unit_price: 600, tax_rate: 19, tax: 114, proration_factor: expect.closeTo(0.5, 2) }),
    ]);
    expect(preview.immediate_charge.summary).toMatchObject({ total_amount: 714, tax: 114 });
    expect(preview.new_plan).toMatchObject({ addons: [{ addon_id: seat.id, quantity: 3 }], recurring_pre_tax_amount: 4800 });

    const { payment_id } = await h.client.subscriptions.changePlan(subscriptionId, change);
    expect((await h.client.payments.retrieve(payment_id!)).total_amount).toBe(714);
    expect((await h.client.payments.retrieveLineItems(payment_id!)).items).toEqual([expect.objectContaining({ items_id: seat.id, amount: 600, tax: 114 })]);
    const changed = h.receiver.ofType('subscription.plan_changed').at(-1)!;
    expect(changed.payload.data).toMatchObject({ subscription_id: subscriptionId, addons: [{ addon_id: seat.id, quantity: 3 }] });

    // Fewer seats: nothing charged now, the difference credited; the plan's own line when anything else changes.
    const fewer = await h.client.subscriptions.previewChangePlan(subscriptionId, { ...change, addons: [{ addon_id: seat.id, quantity: 1 }] });
    expect(fewer.immediate_charge).toMatchObject({ line_items: [], summary: { total_amount: 0 } });
  });
});

describe('discounts', () => {
  it('creates, finds by code, updates, lists and deletes discounts', async () => {
    const created = await h.client.discounts.create({ amount: 1000, type: 'percentage', code: 'WELCOME10', name: 'Welcome' });
    expect(created).toMatchObject({ code: 'WELCOME10', amount: 1000, type: 'percentage', times_used: 0, restricted_to: [] });
    expect((await h.client.discounts.retrieveByCode('WELCOME10')).discount_id).toBe(created.discount_id);
    expect((await h.client.discounts.update(created.discount_id, { amount: 1500 })).amount).toBe(1500);
    expect((await h.client.discounts.list({ discount_type: 'percentage' })).items).toHaveLength(1);
    expect(await failure(h.client.discounts.create({ amount: 100, type: 'flat', code: 'WELCOME10' }))).toEqual({ status: 422, code: 'INVALID_REQUEST_BODY' });
    const generated = await h.client.discounts.create({ amount: 100, type: 'flat' });
    expect(generated.code).toMatch(/^[A-Z0-9]{16}$/);
    await h.client.discounts.delete(created.discount_id);
    expect(await failure(h.client.discounts.retrieveByCode('WELCOME10'))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('applies stacked codes at checkout and for the subscription\u2019s cycles, and refuses a used-up code', async () => {
    await h.client.discounts.create({ amount: 2000, type: 'percentage', code: 'TWENTY', subscription_cycles: 2, usage_limit: 1 });
    await h.client.discounts.create({ amount: 1250, type: 'percentage', code: 'EIGHTH' });
    await h.client.discounts.create({ amount: 100, type: 'flat', code: 'DOLLAR' });
    const plan = await h.client.products.create({ name: 'Discounted plan', price: monthlyPrice(1000), tax_category: 'saas' });
    const cart = [{ product_id: plan.product_id, quantity: 1 }];
    const preview = await h.client.checkoutSessions.preview({ product_cart: cart, discount_codes: ['TWENTY', 'EIGHTH'] });
    expect(preview.current_breakup).toMatchObject({ subtotal: 1000, discount: 300, total_amount: 700 });
    // A flat discount would put `type: flat` in webhook payloads, which @dodopayments/core's schema rejects.
    expect(await failure(h.client.checkoutSessions.create({ product_cart: cart, discount_codes: ['DOLLAR'] }))).toEqual({ status: 501, code: 'NOT_IMPLEMENTED' });

    const session = await h.client.checkoutSessions.create({ product_cart: cart, customer: { email: 'discounted@example.com', name: 'D' }, discount_codes: ['TWENTY', 'EIGHTH'] });
    const paid = await pay(session.session_id);
    const payment = await h.client.payments.retrieve(paid.payment_id);
    expect(payment.total_amount).toBe(700); // 10.00 − 20 % = 8.00, − 12.5 % = 7.00
    expect(payment.discounts?.map((d) => [d.code, d.position])).toEqual([
      ['TWENTY', 0],
      ['EIGHTH', 1],
    ]);
    expect((await h.client.discounts.retrieveByCode('TWENTY')).times_used).toBe(1);
    expect(await failure(h.client.checkoutSessions.create({ product_cart: cart, discount_codes: ['TWENTY'] }))).toEqual({ status: 422, code: 'INVALID_DISCOUNT_CODE' });
    expect(await failure(h.client.checkoutSessions.create({ product_cart: cart, discount_codes: ['NOPE'] }))).toEqual({ status: 422, code: 'INVALID_DISCOUNT_CODE' });

    // TWENTY lasts two cycles (the first payment and one renewal); EIGHTH has no limit: 10.00 − 12.5 % = 8.75.
    h.sandbox.control.advanceClock(31 * DAY);
    h.sandbox.control.advanceClock(31 * DAY);
    const totals = (await h.client.payments.list({ subscription_id: paid.subscription_id as string })).items.map((p) => p.total_amount);
    expect(totals).toEqual([875, 700, 700]);
  });

  it('shows the discount on the checkout page totals', async () => {
    await h.client.discounts.create({ amount: 5000, type: 'percentage', code: 'HALF' });
    const product = await h.client.products.create({ name: 'Half off', price: oneTimePrice(2000), tax_category: 'saas' });
    const session = await h.client.checkoutSessions.create({ product_cart: [{ product_id: product.product_id, quantity: 1 }], discount_codes: ['HALF'] });
    const totals = (await (await fetch(`${h.sandbox.url}/session/${session.session_id}/totals?country=US`)).json()) as Record<string, number>;
    expect(totals).toMatchObject({ subtotal: 2000, discount: 1000, total: 1000 });
  });
});

describeEveryDeliveredWebhook(h);
