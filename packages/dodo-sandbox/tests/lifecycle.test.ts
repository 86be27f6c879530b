// Subscription behaviour Dodo documents: pausing by status, downgrade credits, one scheduled change, payment metadata,
// renewing by setting next_billing_date to now, and the events that were never sent (refund.failed, dispute outcomes).
import { ConflictError } from 'dodopayments';
import { describe, expect, it } from 'vitest';
import { buy, DAY, describeEveryDeliveredWebhook, failure, harnessForFile, monthlyPrice, oneTimePrice, subscribe } from './harness';

const h = harnessForFile({ reset: true });

const typesFor = (id: string) => h.receiver.received.filter((w) => w.payload.data.subscription_id === id).map((w) => w.type);

describe('pause and resume', () => {
  it('pauses with PATCH {status: paused}, bills nothing while paused, and resumes with {status: active}', async () => {
    const { subscriptionId } = await subscribe(h, 'pause@example.com');
    const paused = await h.client.subscriptions.update(subscriptionId, { status: 'paused' });
    expect(paused).toMatchObject({ status: 'paused', paused_at: expect.any(String) });
    h.sandbox.control.advanceClock(40 * DAY);
    expect((await h.client.payments.list({ subscription_id: subscriptionId })).items).toHaveLength(1);
    const resumed = await h.client.subscriptions.update(subscriptionId, { status: 'active' });
    expect(resumed).toMatchObject({ status: 'active', paused_at: null });
    await h.sandbox.control.flush();
    expect(typesFor(subscriptionId)).toEqual(expect.arrayContaining(['subscription.paused', 'subscription.unpaused']));
  });
});

describe('plan changes', () => {
  it('credits the unused part of a downgrade to the customer wallet and spends it on the next charge', async () => {
    const { subscriptionId } = await subscribe(h, 'downgrade@example.com', { price: 3000 });
    const cheaper = await h.client.products.create({ name: 'Cheaper', price: monthlyPrice(1000), tax_category: 'saas' });
    const change = { product_id: cheaper.product_id, quantity: 1, proration_billing_mode: 'difference_immediately' as const };
    const preview = await h.client.subscriptions.previewChangePlan(subscriptionId, change);
    expect(preview.immediate_charge.summary.customer_credits).toBe(2000);
    await h.client.subscriptions.changePlan(subscriptionId, change);
    const customerId = (await h.client.subscriptions.retrieve(subscriptionId)).customer.customer_id;
    expect((await h.client.customers.wallets.list(customerId)).items).toEqual([expect.objectContaining({ currency: 'USD', balance: 2000 })]);
    const ledger = await h.client.customers.wallets.ledgerEntries.list(customerId);
    expect(ledger.items[0]).toMatchObject({ amount: 2000, is_credit: true, event_type: 'refund', reference_object_id: subscriptionId });

    h.sandbox.control.advanceClock(31 * DAY); // the 10.00 renewal is paid from the 20.00 credit
    const renewal = (await h.client.payments.list({ subscription_id: subscriptionId })).items[0];
    expect(renewal).toMatchObject({ status: 'succeeded', total_amount: 0 });
    expect((await h.client.customers.wallets.list(customerId)).items[0].balance).toBe(1000);
  });

  it('allows one scheduled change (409 for a second), deletes it, and puts change-plan metadata on the payment', async () => {
    const { subscriptionId } = await subscribe(h, 'scheduled@example.com');
    const [a, b] = await Promise.all(['A', 'B'].map((name) => h.client.products.create({ name, price: monthlyPrice(2000), tax_category: 'saas' })));
    const later = { quantity: 1, proration_billing_mode: 'do_not_bill' as const, effective_at: 'next_billing_date' as const };
    await h.client.subscriptions.changePlan(subscriptionId, { product_id: a.product_id, ...later });
    const second = h.client.subscriptions.changePlan(subscriptionId, { product_id: b.product_id, ...later });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    expect(await failure(h.client.subscriptions.changePlan(subscriptionId, { product_id: b.product_id, ...later }))).toEqual({ status: 409, code: 'SCHEDULED_PLAN_CHANGE_EXISTS' });
    await h.client.subscriptions.changePlan(subscriptionId, { product_id: b.product_id, ...later, cancel_scheduled_change_plan: true });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).scheduled_change?.product_id).toBe(b.product_id);
    await h.client.subscriptions.cancelChangePlan(subscriptionId);
    expect((await h.client.subscriptions.retrieve(subscriptionId)).scheduled_change).toBeNull();

    const { payment_id } = await h.client.subscriptions.changePlan(subscriptionId, {
      product_id: a.product_id,
      quantity: 1,
      proration_billing_mode: 'full_immediately',
      metadata: { change: 'upgrade-42' },
    });
    expect((await h.client.payments.retrieve(payment_id as string)).metadata).toEqual({ change: 'upgrade-42' });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).metadata).toEqual({ order_id: 'ord_scheduled@example.com' });
  });
});

describe('payment-method updates', () => {
  it('authorises a new card on an active subscription and keeps the old one when it is declined', async () => {
    const { subscriptionId } = await subscribe(h, 'pm-declined@example.com');
    const before = (await h.client.subscriptions.retrieve(subscriptionId)).payment_method_id;
    const { payment_link } = await h.client.subscriptions.updatePaymentMethod(subscriptionId, { payment_method: { type: 'new' } });
    const declined = await h.sandbox.control.completeCheckout((payment_link as string).split('/').pop() as string, { card_number: '4000 0000 0000 0002' });
    expect(declined.status).toBe('failed');
    expect((await h.client.subscriptions.retrieve(subscriptionId)).payment_method_id).toBe(before);
  });
});

describe('next_billing_date', () => {
  it('renews at once when set to now, and a renewal sends subscription.updated', async () => {
    const { subscriptionId } = await subscribe(h, 'renew-now@example.com');
    const renewed = await h.client.subscriptions.update(subscriptionId, { next_billing_date: new Date().toISOString() });
    expect(renewed.status).toBe('active');
    expect((await h.client.payments.list({ subscription_id: subscriptionId })).items).toHaveLength(2);
    await h.sandbox.control.flush();
    expect(typesFor(subscriptionId).slice(-3)).toEqual(['payment.succeeded', 'subscription.renewed', 'subscription.updated']);
  });

  it('drives Dodo\u2019s renewal-failure recipe: card 0341 saves, then the renewal it triggers fails', async () => {
    const { subscriptionId, paymentId } = await subscribe(h, 'recipe@example.com', { card: '4000 0000 0000 0341' });
    expect((await h.client.payments.retrieve(paymentId)).status).toBe('succeeded');
    await h.client.subscriptions.update(subscriptionId, { next_billing_date: new Date().toISOString() });
    expect((await h.client.subscriptions.retrieve(subscriptionId)).status).toBe('past_due');
    await h.sandbox.control.flush();
    expect(typesFor(subscriptionId)).toContain('subscription.past_due');
  });
});

describe('events that are now sent', () => {
  it('refund.failed under the fail_next_refunds fault', async () => {
    const product = await h.client.products.create({ name: 'Refund fails', price: oneTimePrice(500), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id);
    h.sandbox.control.setFaults({ fail_next_refunds: 1 });
    expect((await h.client.refunds.create({ payment_id: result.payment_id })).status).toBe('failed');
    expect((await h.client.payments.retrieve(result.payment_id)).refund_status).toBeNull();
    expect((await h.client.refunds.create({ payment_id: result.payment_id })).status).toBe('succeeded');
    await h.sandbox.control.flush();
    expect(h.receiver.ofType('refund.failed')).toHaveLength(1);
  });

  it('every dispute outcome: challenged then won, accepted, cancelled, expired', async () => {
    const product = await h.client.products.create({ name: 'Disputed', price: oneTimePrice(500), tax_category: 'saas' });
    const payments = await Promise.all([1, 2, 3, 4].map(async (i) => (await buy(h, product.product_id, { email: `dispute${i}@example.com` })).result.payment_id));
    const challenged = h.sandbox.control.openDispute(payments[0], 'challenged');
    expect(challenged.dispute_status).toBe('dispute_challenged');
    expect(h.sandbox.control.resolveDispute(challenged.dispute_id, 'won').dispute_status).toBe('dispute_won');
    expect(h.sandbox.control.openDispute(payments[1], 'accepted').dispute_status).toBe('dispute_accepted');
    expect(h.sandbox.control.openDispute(payments[2], 'cancelled').dispute_status).toBe('dispute_cancelled');
    expect(h.sandbox.control.openDispute(payments[3], 'expired').dispute_status).toBe('dispute_expired');
    await h.sandbox.control.flush();
    const types = h.receiver.received.filter((w) => w.type.startsWith('dispute.')).map((w) => w.type);
    expect(types).toEqual(expect.arrayContaining(['dispute.challenged', 'dispute.won', 'dispute.accepted', 'dispute.cancelled', 'dispute.expired']));
  });

  it('subscription.failed when the first payment of a subscription is declined', async () => {
    const plan = await h.client.products.create({ name: 'Declined plan', price: monthlyPrice(1000), tax_category: 'saas' });
    const { result } = await buy(h, plan.product_id, { card: '4000 0000 0000 0002' });
    expect(result.status).toBe('failed');
    await h.sandbox.control.flush();
    const [failed] = h.receiver.ofType('subscription.failed');
    expect(failed.payload.data).toMatchObject({ status: 'failed', product_id: plan.product_id, payment_method_id: null });
  });
});

describeEveryDeliveredWebhook(h);
