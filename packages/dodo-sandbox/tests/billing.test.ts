// Billing over time: the virtual clock drives renewals, dunning, trials and period-end cancellation.
import { describe, expect, it } from 'vitest';
import { buy, DAY, describeEveryDeliveredWebhook, harnessForFile, monthlyPrice } from './harness';

const h = harnessForFile({ reset: true });

async function subscribe(email: string, opts: { trialDays?: number; country?: string } = {}) {
  const plan = await h.client.products.create({ name: `Monthly for ${email}`, price: monthlyPrice(1000), tax_category: 'saas' });
  const { result } = await buy(h, plan.product_id, { email, metadata: { order_id: `ord_${email}` }, ...opts });
  return { plan, subscriptionId: result.subscription_id as string, firstPaymentId: result.payment_id };
}

const eventsFor = (subscriptionId: string) =>
  h.receiver.received.filter((w) => w.payload.data.subscription_id === subscriptionId).map((w) => `${w.type}:${w.payload.data.payload_type}`);

describe('renewals', () => {
  it('charges the saved card each period and moves next_billing_date', async () => {
    const { subscriptionId } = await subscribe('renewal@example.com', { country: 'GB' });
    const before = await h.client.subscriptions.retrieve(subscriptionId);

    h.sandbox.control.advanceClock(65 * DAY);
    await h.sandbox.control.flush();

    const after = await h.client.subscriptions.retrieve(subscriptionId);
    expect(after.status).toBe('active');
    expect(new Date(after.next_billing_date).getUTCMonth()).toBe((new Date(before.next_billing_date).getUTCMonth() + 2) % 12);
    const payments = await h.client.payments.list({ subscription_id: subscriptionId });
    expect(payments.items.map((p) => [p.status, p.total_amount])).toEqual([
      ['succeeded', 1200],
      ['succeeded', 1200],
      ['succeeded', 1200],
    ]);
    expect(payments.items.every((p) => p.metadata.order_id === 'ord_renewal@example.com')).toBe(true);
    expect(eventsFor(subscriptionId)).toEqual([
      'payment.succeeded:Payment',
      'subscription.active:Subscription',
      'payment.succeeded:Payment',
      'subscription.renewed:Subscription',
      'subscription.updated:Subscription',
      'payment.succeeded:Payment',
      'subscription.renewed:Subscription',
      'subscription.updated:Subscription',
    ]);
  });

  it('fails only the targeted subscription\'s renewal with fail_subscription_charges', async () => {
    const target = await subscribe('targeted@example.com');
    const bystander = await subscribe('bystander@example.com');
    h.sandbox.control.setFaults({ fail_subscription_charges: [target.subscriptionId] });
    h.sandbox.control.advanceClock(31 * DAY);
    expect((await h.client.subscriptions.retrieve(target.subscriptionId)).status).toBe('past_due');
    expect((await h.client.subscriptions.retrieve(bystander.subscriptionId)).status).toBe('active');
    // Once: the automatic retry a day later is not declined again, so the subscription recovers.
    h.sandbox.control.advanceClock(2 * DAY);
    expect((await h.client.subscriptions.retrieve(target.subscriptionId)).status).toBe('active');
    const retried = (await h.client.payments.list({ subscription_id: target.subscriptionId })).items;
    expect(await Promise.all(retried.map(async (p) => [(await h.client.payments.retrieve(p.payment_id)).retry_attempt, p.status]))).toEqual([
      [1, 'succeeded'],
      [0, 'failed'],
      [0, 'succeeded'],
    ]);
    await h.sandbox.control.flush();
    expect(eventsFor(target.subscriptionId).slice(2)).toEqual([
      'payment.failed:Payment',
      'subscription.past_due:Subscription',
      'payment.succeeded:Payment',
      'subscription.active:Subscription',
      'subscription.renewed:Subscription',
      'subscription.updated:Subscription',
    ]);
    const pastDue = h.receiver.ofType('subscription.past_due').find((w) => w.payload.data.subscription_id === target.subscriptionId);
    expect(pastDue?.payload.data.past_due_ends_at).toEqual(expect.any(String));
  });

  it('retries a failed renewal while past due, puts it on hold when the retries fail, and a new card recovers it', async () => {
    const { subscriptionId } = await subscribe('dunning@example.com');
    h.sandbox.control.setFaults({ fail_next_charges: 4 }); // the renewal and its three retries
    h.sandbox.control.advanceClock(31 * DAY);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('past_due');
    h.sandbox.control.advanceClock(8 * DAY);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('on_hold');
    const failed = await h.client.payments.list({ subscription_id: subscriptionId, status: 'failed' });
    const attempts = await Promise.all(failed.items.map(async (p) => (await h.client.payments.retrieve(p.payment_id)).retry_attempt));
    expect(attempts.sort()).toEqual([0, 1, 2, 3]);

    // Further time does not bill an on-hold subscription.
    h.sandbox.control.advanceClock(31 * DAY);
    expect((await h.client.payments.list({ subscription_id: subscriptionId })).items).toHaveLength(5);

    const { payment_link } = await h.client.subscriptions.updatePaymentMethod(subscriptionId, { payment_method: { type: 'new' } });
    const sessionId = (payment_link as string).split('/').pop() as string;
    const declined = await h.sandbox.control.completeCheckout(sessionId, { card_number: '4000000000009995' });
    expect(declined.status).toBe('failed');
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('on_hold');

    const recovered = await h.sandbox.control.completeCheckout(sessionId, { card_number: '4242424242424242' });
    expect(recovered.status).toBe('succeeded');
    expect(await h.client.payments.retrieve(recovered.payment_id)).toMatchObject({ status: 'succeeded', total_amount: 1000, is_update_payment_method: true });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('active');

    await h.sandbox.control.flush();
    expect(eventsFor(subscriptionId)).toEqual([
      'payment.succeeded:Payment',
      'subscription.active:Subscription',
      'payment.failed:Payment',
      'subscription.past_due:Subscription',
      'payment.failed:Payment',
      'payment.failed:Payment',
      'payment.failed:Payment',
      'subscription.on_hold:Subscription',
      'dunning.started:DunningAttempt',
      'payment.failed:Payment',
      'payment.succeeded:Payment',
      'subscription.active:Subscription',
      'dunning.recovered:DunningAttempt',
      'subscription.update_payment_method:Subscription',
    ]);
  });

  it('renews with the card from update-payment-method', async () => {
    const { subscriptionId } = await subscribe('declining-card@example.com');
    const { payment_link } = await h.client.subscriptions.updatePaymentMethod(subscriptionId, { payment_method: { type: 'new' } });
    await h.sandbox.control.completeCheckout((payment_link as string).split('/').pop() as string, { card_number: '5555555555554444' });
    h.sandbox.control.advanceClock(31 * DAY);
    const renewal = (await h.client.payments.list({ subscription_id: subscriptionId, status: 'succeeded' })).items[0];
    expect(renewal.card_last_four).toBe('4444');
  });

  it('ends a subscription at the period end when cancel_at_next_billing_date is set', async () => {
    const { subscriptionId } = await subscribe('period-end@example.com');
    await h.client.subscriptions.update(subscriptionId, { cancel_at_next_billing_date: true });
    h.sandbox.control.advanceClock(10 * DAY);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('active');
    h.sandbox.control.advanceClock(25 * DAY);
    const ended = await h.client.subscriptions.retrieve(subscriptionId);
    expect(ended.status).toBe('cancelled');
    expect((await h.client.payments.list({ subscription_id: subscriptionId })).items).toHaveLength(1);
    await h.sandbox.control.flush();
    expect(eventsFor(subscriptionId).at(-1)).toBe('subscription.cancelled:Subscription');
  });

  it('starts a trial at no charge and bills the first period when it ends', async () => {
    const { subscriptionId, firstPaymentId } = await subscribe('trial@example.com', { trialDays: 14 });
    expect((await h.client.payments.retrieve(firstPaymentId)).total_amount).toBe(0);
    const trialing = await h.client.subscriptions.retrieve(subscriptionId);
    expect(trialing).toMatchObject({ status: 'active', trial_period_days: 14 });
    expect(Date.parse(trialing.next_billing_date) - Date.parse(trialing.previous_billing_date)).toBe(14 * DAY * 1000);

    h.sandbox.control.advanceClock(15 * DAY);
    const payments = await h.client.payments.list({ subscription_id: subscriptionId });
    expect(payments.items.map((p) => p.total_amount)).toEqual([1000, 0]);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('active');
  });

  it('reports the virtual clock', async () => {
    h.sandbox.control.advanceClock(101 * DAY);
    const response = await fetch(`${h.sandbox.url}/sandbox/clock`);
    const clock = (await response.json()) as { now: string; offset_seconds: number };
    expect(clock.offset_seconds).toBeGreaterThan(100 * DAY);
    expect(Date.parse(clock.now)).toBeGreaterThan(Date.now() + 100 * DAY * 1000);
  });
});

describe('customer portal', () => {
  it('lets the buyer replace the card and cancel from the portal page', async () => {
    const { subscriptionId } = await subscribe('portal-buyer@example.com');
    const subscription = await h.client.subscriptions.retrieve(subscriptionId);
    const { link } = await h.client.customers.customerPortal.create(subscription.customer.customer_id);
    expect(await (await fetch(link)).text()).toContain(subscriptionId);

    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${link}${path}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });

    const updated = await post(`/subscriptions/${subscriptionId}/payment-method`, { card_number: '5555 5555 5555 4444' });
    expect(updated.status).toBe(303);
    expect(decodeURIComponent(updated.headers.get('location') ?? '')).toContain('The payment method was updated.');
    expect((await h.client.subscriptions.retrieve(subscriptionId)).payment_method_id).not.toBe(subscription.payment_method_id);

    await post(`/subscriptions/${subscriptionId}/cancel`, { when: 'now' });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('cancelled');
  });
});

describeEveryDeliveredWebhook(h);
