// The endpoints a SaaS reaches for next, through the official SDK: usage-based billing, wallets, on-demand charges,
// manual payment retries, payment-method removal and the supported countries.
import { describe, expect, it } from 'vitest';
import { buy, DAY, describeEveryDeliveredWebhook, failure, harnessForFile, monthlyPrice, subscribe } from './harness';

const h = harnessForFile({ reset: true });

describe('usage-based billing', () => {
  it('meters ingested events and bills the period\u2019s usage on renewal', async () => {
    const meter = await h.client.meters.create({ name: 'API calls', event_name: 'api.call', measurement_unit: 'calls', aggregation: { type: 'sum', key: 'count' } });
    expect(meter.id).toMatch(/^mtr_/);
    expect((await h.client.meters.list()).items.map((m) => m.id)).toEqual([meter.id]);
    const product = await h.client.products.create({
      name: 'Metered',
      tax_category: 'saas',
      price: {
        type: 'usage_based_price',
        currency: 'USD',
        fixed_price: 500,
        discount: 0,
        purchasing_power_parity: false,
        payment_frequency_count: 1,
        payment_frequency_interval: 'Month',
        subscription_period_count: 1,
        subscription_period_interval: 'Year',
        meters: [{ meter_id: meter.id, price_per_unit: '2', free_threshold: 100 }],
      },
    });
    const { result } = await buy(h, product.product_id, { email: 'metered@example.com' });
    const subscriptionId = result.subscription_id as string;
    const subscription = await h.client.subscriptions.retrieve(subscriptionId);
    expect(subscription.meters).toEqual([expect.objectContaining({ meter_id: meter.id, free_threshold: 100, price_per_unit: '2' })]);
    const customerId = subscription.customer.customer_id;

    const ingest = await h.client.usageEvents.ingest({
      events: [
        { event_id: 'evt_1', customer_id: customerId, event_name: 'api.call', metadata: { count: 200 } },
        { event_id: 'evt_2', customer_id: customerId, event_name: 'api.call', metadata: { count: 150 } },
        { event_id: 'evt_1', customer_id: customerId, event_name: 'api.call', metadata: { count: 200 } }, // a retry: not counted again
      ],
    });
    expect(ingest.ingested_count).toBe(2);
    expect((await h.client.usageEvents.list({ meter_id: meter.id })).items).toHaveLength(2);
    expect((await h.client.usageEvents.retrieve('evt_2')).metadata).toEqual({ count: 150 });

    const history = await h.client.subscriptions.retrieveUsageHistory(subscriptionId);
    expect(history.items[0].meters[0]).toMatchObject({ consumed_units: '350', chargeable_units: '250', total_price: 500 });

    h.sandbox.control.advanceClock(31 * DAY);
    const renewal = (await h.client.payments.list({ subscription_id: subscriptionId })).items[0];
    const lines = await h.client.payments.retrieveLineItems(renewal.payment_id);
    expect(lines.items.map((l) => [l.items_id, l.amount])).toEqual([
      [product.product_id, 500],
      [meter.id, 500], // (350 - 100 free) × 2
    ]);
    expect(renewal.total_amount).toBe(1000);

    await h.client.meters.archive(meter.id);
    expect((await h.client.meters.list()).items).toHaveLength(0);
    await h.client.meters.unarchive(meter.id);
    expect((await h.client.meters.retrieve(meter.id)).name).toBe('API calls');
  });
});

describe('customer wallets', () => {
  it('credits and debits by ledger entry, once per idempotency key, and refuses to go below zero', async () => {
    const customer = await h.client.customers.create({ email: 'wallet@example.com', name: 'Wallet' });
    const credit = { amount: 1500, currency: 'USD' as const, entry_type: 'credit' as const, idempotency_key: 'goodwill-1', reason: 'Goodwill' };
    expect((await h.client.customers.wallets.ledgerEntries.create(customer.customer_id, credit)).balance).toBe(1500);
    expect((await h.client.customers.wallets.ledgerEntries.create(customer.customer_id, credit)).balance).toBe(1500);
    expect(await failure(h.client.customers.wallets.ledgerEntries.create(customer.customer_id, { amount: 2000, currency: 'USD', entry_type: 'debit' }))).toEqual({
      status: 422,
      code: 'INSUFFICIENT_WALLET_BALANCE',
    });
    const wallets = await h.client.customers.wallets.list(customer.customer_id);
    expect(wallets).toMatchObject({ items: [{ currency: 'USD', balance: 1500 }], total_balance_usd: 1500 });
    expect((await h.client.customers.wallets.ledgerEntries.list(customer.customer_id)).items).toEqual([
      expect.objectContaining({ amount: 1500, before_balance: 0, after_balance: 1500, event_type: 'merchant_adjustment', reason: 'Goodwill' }),
    ]);
  });
});

describe('on-demand subscriptions', () => {
  it('charges only when the merchant calls POST /subscriptions/{id}/charge', async () => {
    const plan = await h.client.products.create({ name: 'On demand', price: monthlyPrice(0), tax_category: 'saas' });
    const session = await h.client.checkoutSessions.create({
      product_cart: [{ product_id: plan.product_id, quantity: 1 }],
      customer: { email: 'on-demand@example.com', name: 'Od' },
      subscription_data: { on_demand: { mandate_only: true } },
    });
    const paid = await h.sandbox.control.completeCheckout(session.session_id, { card_number: '4242424242424242' });
    const subscriptionId = paid.subscription_id as string;
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ on_demand: true, status: 'active' });
    h.sandbox.control.advanceClock(40 * DAY);
    expect((await h.client.payments.list({ subscription_id: subscriptionId })).items).toHaveLength(1);

    const { payment_id } = await h.client.subscriptions.charge(subscriptionId, { product_price: 2500, metadata: { usage_period: 'june' } });
    expect(await h.client.payments.retrieve(payment_id)).toMatchObject({ status: 'succeeded', total_amount: 2500, metadata: { usage_period: 'june' } });

    const { subscriptionId: regular } = await subscribe(h, 'not-on-demand@example.com');
    expect(await failure(h.client.subscriptions.charge(regular, { product_price: 100 }))).toEqual({ status: 422, code: 'SUBSCRIPTION_NOT_ON_DEMAND' });
  });
});

describe('manual payment retries', () => {
  it('reports the retry state, sends a failed renewal again, and recovers the subscription', async () => {
    const { subscriptionId, paymentId } = await subscribe(h, 'manual-retry@example.com');
    expect(await h.client.payments.retrieveRetryState(paymentId)).toMatchObject({ can_retry: false, reason: 'PAYMENT_NOT_FAILED', sends_used: 0 });
    h.sandbox.control.setFaults({ fail_subscription_charges: [subscriptionId, subscriptionId] });
    h.sandbox.control.advanceClock(31 * DAY);
    const failed = (await h.client.payments.list({ subscription_id: subscriptionId, status: 'failed' })).items[0];
    expect(await h.client.payments.retrieveRetryState(failed.payment_id)).toMatchObject({ can_retry: true, sends_allowed: 3, sends_used: 0 });

    const declined = await h.client.payments.retry(failed.payment_id);
    expect(declined).toMatchObject({ is_manual_retry: true, retry_attempt: 1, sends_used: 1, status: 'failed' });
    const paid = await h.client.payments.retry(failed.payment_id);
    expect(paid).toMatchObject({ retry_attempt: 2, sends_used: 2, status: 'succeeded' });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('active');
    expect(await h.client.payments.retrieveRetryState(failed.payment_id)).toMatchObject({ can_retry: false, reason: 'SUBSCRIPTION_NOT_OVERDUE' });
  });
});

describe('payment methods and countries', () => {
  it('deletes a saved payment method, leaving its subscription without one', async () => {
    const { subscriptionId } = await subscribe(h, 'delete-pm@example.com');
    const subscription = await h.client.subscriptions.retrieve(subscriptionId);
    const customerId = subscription.customer.customer_id;
    await h.client.customers.deletePaymentMethod(subscription.payment_method_id as string, { customer_id: customerId });
    expect((await h.client.customers.retrievePaymentMethods(customerId)).items).toEqual([]);
    expect(await h.client.subscriptions.retrieve(subscriptionId)).toMatchObject({ payment_method_id: null, has_payment_method: false });
    expect(await failure(h.client.customers.deletePaymentMethod('pm_unknown', { customer_id: customerId }))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('lists the supported countries', async () => {
    const countries = await h.client.misc.listSupportedCountries();
    expect(countries).toContain('IN');
    expect(countries).toContain('US');
    expect(countries).toHaveLength(249);
  });
});

describeEveryDeliveredWebhook(h);
