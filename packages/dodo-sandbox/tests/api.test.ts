// Conformance: every SDK call the sandbox supports, through the official `dodopayments` client.
import DodoPayments, { AuthenticationError, InternalServerError, NotFoundError, UnprocessableEntityError } from 'dodopayments';
import { describe, expect, it } from 'vitest';
import { buy, describeEveryDeliveredWebhook, harnessForFile, monthlyPrice, oneTimePrice, startWebhookReceiver, TEST_CHECKOUT_BASE_URL } from './harness';

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{21}$`);

const h = harnessForFile();

describe('auth and unsupported paths', () => {
  it('rejects a wrong API key with AuthenticationError', async () => {
    const wrong = new DodoPayments({ bearerToken: 'wrong', baseURL: h.sandbox.url, maxRetries: 0 });
    await expect(wrong.products.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('answers 501 naming the method and path it does not emulate', async () => {
    const error = await h.client.brands.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(501);
    expect((error as InternalServerError).error).toEqual({ code: 'NOT_IMPLEMENTED', message: 'GET /brands is not implemented by the sandbox' });
  });

  it('keeps answering the health check', async () => {
    const response = await fetch(`${h.sandbox.url}/sandbox/health`);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('products', () => {
  it('creates, retrieves, lists, updates, archives and unarchives', async () => {
    const product = await h.client.products.create({ name: 'Ebook', price: oneTimePrice(1500), tax_category: 'e_book' });
    expect(product.product_id).toMatch(ID('pdt'));
    expect(product).toMatchObject({ name: 'Ebook', is_recurring: false, license_key_enabled: false, price: { type: 'one_time_price', price: 1500 } });

    const plan = await h.client.products.create({ name: 'Team', price: monthlyPrice(2000, { trial_period_days: 7 }), tax_category: 'saas' });
    expect(plan.is_recurring).toBe(true);

    await h.client.products.update(product.product_id, { name: 'Ebook 2nd ed.', price: oneTimePrice(1800) });
    expect(await h.client.products.retrieve(product.product_id)).toMatchObject({ name: 'Ebook 2nd ed.', price: { price: 1800 } });

    const recurring = await h.client.products.list({ recurring: true, page_size: 100 });
    expect(recurring.items.map((p) => p.product_id)).toContain(plan.product_id);
    expect(recurring.items.map((p) => p.product_id)).not.toContain(product.product_id);

    await h.client.products.archive(product.product_id);
    expect((await h.client.products.list({ page_size: 100 })).items.map((p) => p.product_id)).not.toContain(product.product_id);
    await h.client.products.unarchive(product.product_id);
    expect((await h.client.products.list({ page_size: 100 })).items.map((p) => p.product_id)).toContain(product.product_id);

    await expect(h.client.products.retrieve('pdt_doesnotexist000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('paginates with page_number and page_size', async () => {
    for (const name of ['P1', 'P2', 'P3']) await h.client.products.create({ name, price: oneTimePrice(100), tax_category: 'saas' });
    const first = await h.client.products.list({ page_size: 2, page_number: 0 });
    const second = await h.client.products.list({ page_size: 2, page_number: 1 });
    expect(first.items).toHaveLength(2);
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((p) => p.product_id)).not.toContain(first.items[0].product_id);
  });
});

describe('customers and the customer portal', () => {
  it('creates once per email, retrieves, lists, updates', async () => {
    const created = await h.client.customers.create({ email: 'grace@example.com', name: 'Grace' });
    expect(created.customer_id).toMatch(ID('cus'));
    const again = await h.client.customers.create({ email: 'grace@example.com', name: 'Grace H.' });
    expect(again.customer_id).toBe(created.customer_id);

    expect(await h.client.customers.retrieve(created.customer_id)).toMatchObject({ email: 'grace@example.com' });
    const listed = await h.client.customers.list({ email: 'grace@example.com' });
    expect(listed.items.map((c) => c.customer_id)).toEqual([created.customer_id]);
    expect(await h.client.customers.update(created.customer_id, { name: 'Grace Hopper' })).toMatchObject({ name: 'Grace Hopper' });
  });

  it('opens a portal session whose link renders the customer page', async () => {
    const customer = await h.client.customers.create({ email: 'portal@example.com', name: 'Portal User' });
    const { link } = await h.client.customers.customerPortal.create(customer.customer_id, { return_url: 'https://merchant.test/account' });
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('portal@example.com');
    expect(html).toContain('https://merchant.test/account');
  });
});

describe('checkout sessions and payments', () => {
  it('creates a session on the checkout host and copies metadata onto the payment', async () => {
    const product = await h.client.products.create({ name: 'Course', price: oneTimePrice(4900), tax_category: 'edtech' });
    const session = await h.client.checkoutSessions.create({
      product_cart: [{ product_id: product.product_id, quantity: 2 }],
      customer: { email: 'learner@example.com', name: 'Learner' },
      billing_address: { country: 'IN' },
      return_url: 'https://merchant.test/return',
      metadata: { order_id: 'ord_course' },
    });
    expect(session.session_id).toMatch(ID('cks'));
    expect(session.checkout_url).toBe(`${TEST_CHECKOUT_BASE_URL}/session/${session.session_id}`);
    expect(await h.client.checkoutSessions.retrieve(session.session_id)).toMatchObject({ id: session.session_id, payment_id: null, payment_status: null });

    const result = await h.sandbox.control.completeCheckout(session.session_id, { card_number: '5555 5555 5555 4444' });
    expect(result.status).toBe('succeeded');
    expect(result.redirect_url).toBe(`https://merchant.test/return?payment_id=${result.payment_id}&status=succeeded`);
    expect(await h.client.checkoutSessions.retrieve(session.session_id)).toMatchObject({ payment_id: result.payment_id, payment_status: 'succeeded' });

    const payment = await h.client.payments.retrieve(result.payment_id);
    // 2 × 49.00 plus India's 18 % tax.
    expect(payment).toMatchObject({ status: 'succeeded', total_amount: 11564, tax: 1764, currency: 'USD', metadata: { order_id: 'ord_course' } });
    expect(payment.customer.email).toBe('learner@example.com');
    expect(payment.card_last_four).toBe('4444');
    expect(payment.checkout_session_id).toBe(session.session_id);

    const lineItems = await h.client.payments.retrieveLineItems(result.payment_id);
    expect(lineItems.items).toEqual([expect.objectContaining({ items_id: product.product_id, amount: 9800, tax: 1764, refundable_amount: 11564 })]);

    const listed = await h.client.payments.list({ customer_id: payment.customer.customer_id });
    expect(listed.items.map((p) => p.payment_id)).toEqual([result.payment_id]);
  });

  it('records a declined attempt as a failed payment and lets the buyer retry the same session', async () => {
    const product = await h.client.products.create({ name: 'Template', price: oneTimePrice(900), tax_category: 'digital_products' });
    const session = await h.client.checkoutSessions.create({
      product_cart: [{ product_id: product.product_id, quantity: 1 }],
      customer: { email: 'retry@example.com' },
    });
    const declined = await h.sandbox.control.completeCheckout(session.session_id, { card_number: '4000 0000 0000 0002' });
    expect(declined).toMatchObject({ status: 'failed', error_code: 'GENERIC_DECLINE', redirect_url: null });
    expect(await h.client.payments.retrieve(declined.payment_id)).toMatchObject({ status: 'failed', error_code: 'GENERIC_DECLINE' });

    const poor = await h.sandbox.control.completeCheckout(session.session_id, { card_number: '4000000000009995' });
    expect(poor.error_code).toBe('INSUFFICIENT_FUNDS');

    const paid = await h.sandbox.control.completeCheckout(session.session_id, { upi_id: 'success@upi' });
    expect(paid.status).toBe('succeeded');
    await expect(h.sandbox.control.completeCheckout(session.session_id, { card_number: '4242424242424242' })).rejects.toMatchObject({ status: 409 });

    await h.sandbox.control.flush();
    const failedEvents = h.receiver.ofType('payment.failed').filter((w) => w.payload.data.checkout_session_id === session.session_id);
    expect(failedEvents).toHaveLength(2);
  });

  it('validates the request body with a 422', async () => {
    await expect(h.client.checkoutSessions.create({ product_cart: [{ product_id: 'pdt_missing', quantity: 1 }] })).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
  });
});

describe('invoices', () => {
  it('serves a PDF invoice for a succeeded payment and 404 for a failed one', async () => {
    const product = await h.client.products.create({ name: 'Invoice item', price: oneTimePrice(2500), tax_category: 'saas' });
    const paid = (await buy(h, product.product_id, { country: 'DE' })).result;
    const response = await h.client.invoices.payments.retrieve(paid.payment_id);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain(paid.payment_id);
    expect(pdf).toContain('$29.75'); // 25.00 + 19 % German tax
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');

    const declined = (await buy(h, product.product_id, { card: '4000 0000 0000 0002' })).result;
    await expect(h.client.invoices.payments.retrieve(declined.payment_id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('refunds', () => {
  it('refunds a whole payment once', async () => {
    const product = await h.client.products.create({ name: 'Full refund', price: oneTimePrice(3000), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id);
    const refund = await h.client.refunds.create({ payment_id: result.payment_id, reason: 'Changed mind' });
    expect(refund.refund_id).toMatch(ID('ref'));
    expect(refund).toMatchObject({ status: 'succeeded', amount: 3000, is_partial: false, payment_id: result.payment_id });

    const payment = await h.client.payments.retrieve(result.payment_id);
    expect(payment.refund_status).toBe('full');
    expect(payment.refunds.map((r) => r.refund_id)).toEqual([refund.refund_id]);
    await expect(h.client.refunds.create({ payment_id: result.payment_id })).rejects.toBeInstanceOf(UnprocessableEntityError);

    expect(await h.client.refunds.retrieve(refund.refund_id)).toMatchObject({ refund_id: refund.refund_id, reason: 'Changed mind' });
    expect((await h.client.refunds.list({ page_size: 100 })).items.map((r) => r.refund_id)).toContain(refund.refund_id);

    await h.sandbox.control.flush();
    const event = h.receiver.ofType('refund.succeeded').find((w) => w.payload.data.refund_id === refund.refund_id);
    expect(event?.payload.data).toMatchObject({ payload_type: 'Refund', amount: 3000 });
  });

  it('refunds part of a line item', async () => {
    const product = await h.client.products.create({ name: 'Partial refund', price: oneTimePrice(3000), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id);
    const refund = await h.client.refunds.create({ payment_id: result.payment_id, items: [{ item_id: product.product_id, amount: 1000 }] });
    expect(refund).toMatchObject({ amount: 1000, is_partial: true });
    expect((await h.client.payments.retrieve(result.payment_id)).refund_status).toBe('partial');
    expect((await h.client.payments.retrieveLineItems(result.payment_id)).items[0].refundable_amount).toBe(2000);
    await expect(
      h.client.refunds.create({ payment_id: result.payment_id, items: [{ item_id: product.product_id, amount: 2500 }] }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });
});

describe('disputes', () => {
  it('opens a dispute that is lost, visible through the API and on the payment', async () => {
    const product = await h.client.products.create({ name: 'Disputed', price: oneTimePrice(2500), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id);
    const opened = h.sandbox.control.openDispute(result.payment_id, 'lost');
    expect(opened.dispute_id).toMatch(ID('dsc'));

    expect(await h.client.disputes.retrieve(opened.dispute_id)).toMatchObject({ dispute_status: 'dispute_lost', payment_id: result.payment_id, amount: '2500' });
    expect((await h.client.disputes.list({ dispute_status: 'dispute_lost' })).items.map((d) => d.dispute_id)).toContain(opened.dispute_id);
    expect((await h.client.payments.retrieve(result.payment_id)).disputes).toEqual([expect.objectContaining({ dispute_status: 'dispute_lost' })]);

    await h.sandbox.control.flush();
    const types = h.receiver.received.filter((w) => w.payload.data.dispute_id === opened.dispute_id).map((w) => w.type);
    expect(types).toEqual(['dispute.opened', 'dispute.lost']);
  });

  it('keeps a dispute open until it is resolved', async () => {
    const product = await h.client.products.create({ name: 'Challenged', price: oneTimePrice(1500), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id);
    const opened = h.sandbox.control.openDispute(result.payment_id);
    expect((await h.client.disputes.retrieve(opened.dispute_id)).dispute_status).toBe('dispute_opened');
    h.sandbox.control.resolveDispute(opened.dispute_id, 'won');
    expect((await h.client.disputes.retrieve(opened.dispute_id)).dispute_status).toBe('dispute_won');
    expect(() => h.sandbox.control.resolveDispute(opened.dispute_id, 'lost')).toThrow(/already dispute_won/);
  });
});

describe('license keys', () => {
  it('issues a key on purchase and honours the activation limit', async () => {
    const product = await h.client.products.create({
      name: 'Desktop app',
      price: oneTimePrice(5000),
      tax_category: 'digital_products',
      license_key_enabled: true,
      license_key_activations_limit: 2,
    });
    const { result } = await buy(h, product.product_id, { email: 'licensee@example.com' });
    const payment = await h.client.payments.retrieve(result.payment_id);

    const keys = await h.client.licenseKeys.list({ customer_id: payment.customer.customer_id });
    expect(keys.items).toHaveLength(1);
    const key = keys.items[0];
    expect(key).toMatchObject({ product_id: product.product_id, payment_id: result.payment_id, activations_limit: 2, status: 'active', source: 'auto' });
    expect(key.id).toMatch(ID('lic'));
    expect(await h.client.licenseKeys.retrieve(key.id)).toMatchObject({ key: key.key });

    const laptop = await h.client.licenses.activate({ license_key: key.key, name: 'laptop' });
    expect(laptop.id).toMatch(ID('lki'));
    expect(laptop).toMatchObject({ license_key_id: key.id, product: { product_id: product.product_id }, customer: { email: 'licensee@example.com' } });
    await h.client.licenses.activate({ license_key: key.key, name: 'desktop' });
    await expect(h.client.licenses.activate({ license_key: key.key, name: 'third' })).rejects.toBeInstanceOf(UnprocessableEntityError);
    expect((await h.client.licenseKeys.retrieve(key.id)).instances_count).toBe(2);

    expect(await h.client.licenses.validate({ license_key: key.key, license_key_instance_id: laptop.id })).toEqual({ valid: true });
    await h.client.licenses.deactivate({ license_key: key.key, license_key_instance_id: laptop.id });
    expect(await h.client.licenses.validate({ license_key: key.key, license_key_instance_id: laptop.id })).toEqual({ valid: false });
    await h.client.licenses.activate({ license_key: key.key, name: 'replacement' });

    expect(await h.client.licenseKeys.update(key.id, { disabled: true })).toMatchObject({ status: 'disabled' });
    expect(await h.client.licenses.validate({ license_key: key.key })).toEqual({ valid: false });

    await h.sandbox.control.flush();
    const created = h.receiver.ofType('license_key.created').find((w) => w.payload.data.id === key.id);
    expect(created?.payload.data).toMatchObject({ payload_type: 'LicenseKey', key: key.key });
  });

  it('creates a key by hand', async () => {
    const product = await h.client.products.create({ name: 'Manual keys', price: oneTimePrice(100), tax_category: 'saas', license_key_enabled: true });
    const customer = await h.client.customers.create({ email: 'manual@example.com', name: 'Manual' });
    const key = await h.client.licenseKeys.create({ customer_id: customer.customer_id, product_id: product.product_id, key: 'MANUAL-KEY-1', activations_limit: 1 });
    expect(key).toMatchObject({ key: 'MANUAL-KEY-1', source: 'manual', activations_limit: 1 });
  });
});

describe('webhook endpoints', () => {
  it('manages endpoints through the API and signs deliveries with each endpoint secret', async () => {
    const endpoint = await h.client.webhooks.create({ url: 'http://127.0.0.1:9/unused', description: 'temp', filter_types: ['payment.succeeded'] });
    expect(endpoint).toMatchObject({ url: 'http://127.0.0.1:9/unused', description: 'temp', filter_types: ['payment.succeeded'] });
    expect((await h.client.webhooks.list()).data.map((e) => e.id)).toContain(endpoint.id);
    expect(await h.client.webhooks.retrieve(endpoint.id)).toMatchObject({ id: endpoint.id });
    expect(await h.client.webhooks.update(endpoint.id, { disabled: true })).toMatchObject({ disabled: true });
    const { secret } = await h.client.webhooks.retrieveSecret(endpoint.id);
    expect(secret).toMatch(/^whsec_/);
    await h.client.webhooks.delete(endpoint.id);
    await expect(h.client.webhooks.retrieve(endpoint.id)).rejects.toBeInstanceOf(NotFoundError);

    const probe = await h.client.webhooks.create({ url: 'http://127.0.0.1:9/placeholder', filter_types: ['payment.succeeded'] });
    const probeSecret = (await h.client.webhooks.retrieveSecret(probe.id)).secret;
    const second = await startWebhookReceiver(probeSecret);
    await h.client.webhooks.update(probe.id, { url: second.url });
    try {
      const product = await h.client.products.create({ name: 'Second endpoint', price: oneTimePrice(700), tax_category: 'saas' });
      await buy(h, product.product_id, { card: '4000000000000002' }).catch(() => undefined);
      const { result } = await buy(h, product.product_id);
      await h.sandbox.control.flush();
      expect(second.problems).toEqual([]);
      expect(second.received.map((w) => w.type)).toEqual(['payment.succeeded']);
      expect(second.received[0].payload.data.payment_id).toBe(result.payment_id);
    } finally {
      await h.client.webhooks.delete(probe.id);
      await second.close();
    }
  });
});

describe('subscriptions', () => {
  async function subscribe(email: string, price = 1000) {
    const plan = await h.client.products.create({ name: `Plan ${price}`, price: monthlyPrice(price), tax_category: 'saas' });
    const { result } = await buy(h, plan.product_id, { email, metadata: { order_id: `ord_${email}` } });
    return { plan, subscriptionId: result.subscription_id as string, paymentId: result.payment_id };
  }

  it('creates an active subscription carrying the checkout metadata', async () => {
    const { plan, subscriptionId, paymentId } = await subscribe('sub-create@example.com');
    expect(subscriptionId).toMatch(ID('sub'));
    const subscription = await h.client.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({ status: 'active', product_id: plan.product_id, metadata: { order_id: 'ord_sub-create@example.com' }, recurring_pre_tax_amount: 1000 });
    expect((await h.client.payments.retrieve(paymentId)).subscription_id).toBe(subscriptionId);
    const listed = await h.client.subscriptions.list({ customer_id: subscription.customer.customer_id });
    expect(listed.items.map((s) => s.subscription_id)).toEqual([subscriptionId]);
  });

  it('schedules and unschedules cancellation, and cancels now', async () => {
    const { subscriptionId } = await subscribe('sub-cancel@example.com');
    expect(await h.client.subscriptions.update(subscriptionId, { cancel_at_next_billing_date: true })).toMatchObject({ cancel_at_next_billing_date: true, status: 'active' });
    expect(await h.client.subscriptions.update(subscriptionId, { cancel_at_next_billing_date: false })).toMatchObject({ cancel_at_next_billing_date: false });
    expect(await h.client.subscriptions.update(subscriptionId, { metadata: { seat: 'a' } })).toMatchObject({ metadata: { seat: 'a' } });
    const cancelled = await h.client.subscriptions.update(subscriptionId, { status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelled_at).toBeTruthy();

    await h.sandbox.control.flush();
    const event = h.receiver.ofType('subscription.cancelled').find((w) => w.payload.data.subscription_id === subscriptionId);
    expect(event?.payload.data.status).toBe('cancelled');
  });

  it('changes plan in each proration mode, with a preview that changes nothing', async () => {
    const bigger = await h.client.products.create({ name: 'Bigger', price: monthlyPrice(3000), tax_category: 'saas' });
    const change = (mode: 'prorated_immediately' | 'full_immediately' | 'difference_immediately' | 'do_not_bill') => ({
      product_id: bigger.product_id,
      quantity: 1,
      proration_billing_mode: mode,
    });

    const full = await subscribe('plan-full@example.com');
    const preview = await h.client.subscriptions.previewChangePlan(full.subscriptionId, change('full_immediately'));
    expect(preview.immediate_charge.summary.total_amount).toBe(3000);
    expect(preview.new_plan.product_id).toBe(bigger.product_id);
    expect((await h.client.subscriptions.retrieve(full.subscriptionId)).product_id).toBe(full.plan.product_id);
    const fullResult = await h.client.subscriptions.changePlan(full.subscriptionId, change('full_immediately'));
    expect((await h.client.payments.retrieve(fullResult.payment_id as string)).total_amount).toBe(3000);
    expect(await h.client.subscriptions.retrieve(full.subscriptionId)).toMatchObject({ product_id: bigger.product_id, recurring_pre_tax_amount: 3000 });

    const difference = await subscribe('plan-diff@example.com');
    const diffResult = await h.client.subscriptions.changePlan(difference.subscriptionId, change('difference_immediately'));
    expect((await h.client.payments.retrieve(diffResult.payment_id as string)).total_amount).toBe(2000);

    const prorated = await subscribe('plan-prorated@example.com');
    const proratedResult = await h.client.subscriptions.changePlan(prorated.subscriptionId, change('prorated_immediately'));
    const proratedAmount = (await h.client.payments.retrieve(proratedResult.payment_id as string)).total_amount;
    expect(proratedAmount).toBeGreaterThan(1900); // almost the whole period remains
    expect(proratedAmount).toBeLessThanOrEqual(2000);

    const free = await subscribe('plan-free@example.com');
    expect((await h.client.subscriptions.changePlan(free.subscriptionId, change('do_not_bill'))).payment_id).toBeNull();
    expect((await h.client.subscriptions.retrieve(free.subscriptionId)).product_id).toBe(bigger.product_id);

    await h.sandbox.control.flush();
    const planChanged = h.receiver.ofType('subscription.plan_changed').map((w) => w.payload.data.subscription_id);
    expect(planChanged).toEqual(expect.arrayContaining([full.subscriptionId, difference.subscriptionId, prorated.subscriptionId, free.subscriptionId]));
  });

  it('keeps the plan when a declined plan-change charge says prevent_change', async () => {
    const bigger = await h.client.products.create({ name: 'Declined upgrade', price: monthlyPrice(5000), tax_category: 'saas' });
    const { plan, subscriptionId } = await subscribe('plan-declined@example.com');
    h.sandbox.control.setFaults({ fail_next_charges: 1 });
    await expect(
      h.client.subscriptions.changePlan(subscriptionId, { product_id: bigger.product_id, quantity: 1, proration_billing_mode: 'full_immediately', on_payment_failure: 'prevent_change' }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).product_id).toBe(plan.product_id);
  });

  it('applies the plan when a declined plan-change charge gives no on_payment_failure (the SDK default, apply_change)', async () => {
    const bigger = await h.client.products.create({ name: 'Applied upgrade', price: monthlyPrice(5000), tax_category: 'saas' });
    const { subscriptionId } = await subscribe('plan-applied@example.com');
    h.sandbox.control.setFaults({ fail_next_charges: 1 });
    const { payment_id } = await h.client.subscriptions.changePlan(subscriptionId, { product_id: bigger.product_id, quantity: 1, proration_billing_mode: 'full_immediately' });
    expect((await h.client.payments.retrieve(payment_id as string)).status).toBe('failed');
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ product_id: bigger.product_id, status: 'on_hold' });
    await h.sandbox.control.flush();
    expect(h.receiver.ofType('dunning.started').map((w) => w.payload.data.subscription_id)).toContain(subscriptionId);
  });

  it('updates the payment method with a saved method or a checkout link', async () => {
    const { subscriptionId } = await subscribe('pm-update@example.com');
    const subscription = await h.client.subscriptions.retrieve(subscriptionId);
    const saved = await h.client.subscriptions.updatePaymentMethod(subscriptionId, {
      payment_method: { type: 'existing', payment_method_id: subscription.payment_method_id as string },
    });
    expect(saved.payment_id).toMatch(ID('pay'));
    const methods = await h.client.customers.retrievePaymentMethods(subscription.customer.customer_id);
    expect(methods.items.map((m) => m.payment_method_id)).toContain(subscription.payment_method_id);

    const link = await h.client.subscriptions.updatePaymentMethod(subscriptionId, { payment_method: { type: 'new', return_url: 'https://merchant.test/billing' } });
    expect(link.payment_link).toMatch(new RegExp(`^${TEST_CHECKOUT_BASE_URL}/session/cks_`));
    const sessionId = (link.payment_link as string).split('/').pop() as string;
    const paid = await h.sandbox.control.completeCheckout(sessionId, { card_number: '5555555555554444' });
    expect(paid.status).toBe('succeeded');
    expect(paid.redirect_url).toContain(`subscription_id=${subscriptionId}`);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).payment_method_id).not.toBe(subscription.payment_method_id);
    await expect(h.sandbox.control.completeCheckout(sessionId, { card_number: '4242424242424242' })).rejects.toMatchObject({ status: 409 });
  });
});

describeEveryDeliveredWebhook(h);

describe('errors keep Dodo\u2019s shape', () => {
  it('answers 404 with { code, message }', async () => {
    const error = (await h.client.payments.retrieve('pay_000000000000000000000').catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('pay_000000000000000000000') });
  });
});
