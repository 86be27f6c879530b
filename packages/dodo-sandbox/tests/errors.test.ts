// Dodo's error codes and refusals, through the official SDK: the answers the issue found different are now Dodo's.
import { describe, expect, it } from 'vitest';
import { buy, describeEveryDeliveredWebhook, failure, harnessForFile, monthlyPrice, oneTimePrice, subscribe } from './harness';

const h = harnessForFile();

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${h.sandbox.url}${path}`, { ...init, headers: { authorization: 'Bearer sandbox_sk_test_0000000000000000', 'content-type': 'application/json', ...init.headers } });

describe('request errors', () => {
  it('answers malformed JSON with INVALID_REQUEST_BODY and a bad page_size with INVALID_QUERY_PARAMS', async () => {
    const malformed = await api('/products', { method: 'POST', body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'INVALID_REQUEST_BODY' });
    expect(await failure(h.client.products.list({ page_size: 500 }))).toEqual({ status: 422, code: 'INVALID_QUERY_PARAMS' });
  });

  it('refuses an unknown currency and an unknown list filter value', async () => {
    const bogusCurrency = { ...oneTimePrice(100), currency: 'XYZ' as 'USD' };
    expect(await failure(h.client.products.create({ name: 'Bogus', price: bogusCurrency, tax_category: 'saas' }))).toEqual({ status: 422, code: 'INVALID_REQUEST_BODY' });
    for (const path of ['/payments?status=bogus', '/subscriptions?status=bogus', '/refunds?status=bogus', '/disputes?dispute_status=bogus', '/license_keys?status=bogus']) {
      const response = await api(path);
      expect([path, response.status, ((await response.json()) as { code: string }).code]).toEqual([path, 422, 'INVALID_QUERY_PARAMS']);
    }
  });

  it('answers GET /products/short_links with 501 from its own route', async () => {
    const response = await api('/products/short_links');
    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({ code: 'NOT_IMPLEMENTED', message: 'GET /products/short_links is not implemented by the sandbox' });
  });
});

describe('refund errors', () => {
  it('uses LINE_ITEM_NOT_FOUND, LINE_ITEM_REFUND_AMOUNT_TOO_HIGH and PAYMENT_ALREADY_REFUNDED', async () => {
    const product = await h.client.products.create({ name: 'Refund errors', price: oneTimePrice(1000), tax_category: 'saas' });
    const { result } = await buy(h, product.product_id, { country: 'IN' }); // 10.00 + 18 % = 11.80
    expect(await failure(h.client.refunds.create({ payment_id: result.payment_id, items: [{ item_id: 'pdt_other' }] }))).toEqual({ status: 422, code: 'LINE_ITEM_NOT_FOUND' });
    expect(await failure(h.client.refunds.create({ payment_id: result.payment_id, items: [{ item_id: product.product_id, amount: 1181 }] }))).toEqual({
      status: 422,
      code: 'LINE_ITEM_REFUND_AMOUNT_TOO_HIGH',
    });
    // tax_inclusive: false — the amount is before tax, so 500 refunds 590.
    const partial = await h.client.refunds.create({ payment_id: result.payment_id, items: [{ item_id: product.product_id, amount: 500, tax_inclusive: false }] });
    expect(partial.amount).toBe(590);
    await h.client.refunds.create({ payment_id: result.payment_id });
    expect(await failure(h.client.refunds.create({ payment_id: result.payment_id }))).toEqual({ status: 422, code: 'PAYMENT_ALREADY_REFUNDED' });
  });
});

describe('licence errors', () => {
  it('uses Dodo\u2019s codes and statuses for limits, inactive keys and foreign instances', async () => {
    const product = await h.client.products.create({
      name: 'Licensed',
      price: oneTimePrice(900),
      tax_category: 'digital_products',
      license_key_enabled: true,
      license_key_activations_limit: 1,
    });
    const { result } = await buy(h, product.product_id, { email: 'licence-errors@example.com' });
    const key = (await h.client.licenseKeys.list({ customer_id: (await h.client.payments.retrieve(result.payment_id)).customer.customer_id })).items[0];
    const activated = await api('/licenses/activate', { method: 'POST', body: JSON.stringify({ license_key: key.key, name: 'laptop' }) });
    expect(activated.status).toBe(201);
    const instance = (await activated.json()) as { id: string };
    expect(await failure(h.client.licenses.activate({ license_key: key.key, name: 'desktop' }))).toEqual({ status: 422, code: 'LICENSE_KEY_LIMIT_REACHED' });
    expect(await failure(h.client.licenseKeys.update(key.id, { activations_limit: 0 }))).toEqual({ status: 422, code: 'ACTIVATION_LIMIT_LESS_THAN_CURRENT_AMOUNT' });

    const other = await buy(h, product.product_id, { email: 'licence-other@example.com' });
    const otherKey = (await h.client.licenseKeys.list({ customer_id: (await h.client.payments.retrieve(other.result.payment_id)).customer.customer_id })).items[0];
    expect(await failure(h.client.licenses.deactivate({ license_key: otherKey.key, license_key_instance_id: instance.id }))).toEqual({ status: 403, code: 'LICENSE_KEY_NOT_FOUND' });

    await h.client.licenseKeys.update(key.id, { disabled: true });
    expect(await failure(h.client.licenses.activate({ license_key: key.key, name: 'tablet' }))).toEqual({ status: 403, code: 'INACTIVE_LICENSE_KEY' });

    const renamed = await h.client.licenseKeyInstances.update(instance.id, { name: 'work laptop' });
    expect(renamed).toMatchObject({ id: instance.id, name: 'work laptop' });
  });
});

describe('subscription errors', () => {
  it('refuses a plan change on a cancelled subscription with INACTIVE_SUBSCRIPTION_PLAN_CHANGE_NOT_SUPPORTED', async () => {
    const { subscriptionId } = await subscribe(h, 'cancelled-change@example.com');
    const other = await h.client.products.create({ name: 'Other', price: monthlyPrice(2000), tax_category: 'saas' });
    await h.client.subscriptions.update(subscriptionId, { status: 'cancelled' });
    expect(await failure(h.client.subscriptions.changePlan(subscriptionId, { product_id: other.product_id, quantity: 1, proration_billing_mode: 'do_not_bill' }))).toEqual({
      status: 422,
      code: 'INACTIVE_SUBSCRIPTION_PLAN_CHANGE_NOT_SUPPORTED',
    });
  });

  it('refuses what PATCH must refuse: pause, a past billing date, a shorter term, a cancel reason without cancelling', async () => {
    const { subscriptionId } = await subscribe(h, 'patch-refusals@example.com');
    const refused = { status: 422, code: 'INVALID_REQUEST_BODY' };
    expect(await failure(h.client.subscriptions.update(subscriptionId, { pause: true }))).toEqual(refused);
    expect(await failure(h.client.subscriptions.update(subscriptionId, { next_billing_date: '2020-01-01T00:00:00Z' }))).toEqual(refused);
    expect(await failure(h.client.subscriptions.update(subscriptionId, { subscription_period_count: 1 }))).toEqual(refused);
    expect(await failure(h.client.subscriptions.update(subscriptionId, { cancel_reason: 'cancelled_by_customer' }))).toEqual(refused);
    expect(await failure(h.client.subscriptions.update(subscriptionId, { status: 'paused', metadata: { a: 'b' } }))).toEqual(refused);
    const bogusReason = { cancel_at_next_billing_date: true, cancel_reason: 'bored' as 'dodo_team' };
    expect(await failure(h.client.subscriptions.update(subscriptionId, bogusReason))).toEqual(refused);

    const extended = await h.client.subscriptions.update(subscriptionId, { subscription_period_count: 20, customer_business_name: 'Ada Ltd' });
    expect(extended).toMatchObject({ subscription_period_count: 20, customer_business_name: 'Ada Ltd' });
    expect(new Date(extended.expires_at as string).getUTCFullYear() - new Date(extended.created_at).getUTCFullYear()).toBe(20);
  });

  it('refuses checkout options it does not emulate instead of ignoring them', async () => {
    const product = await h.client.products.create({ name: 'Options', price: oneTimePrice(100), tax_category: 'saas' });
    const cart = [{ product_id: product.product_id, quantity: 1 }];
    for (const extra of [
      { custom_fields: [{ field_type: 'text' as const, key: 'company', label: 'Company' }] },
      { show_saved_payment_methods: true },
      { allowed_payment_method_types: ['sepa' as const] },
      { customization: { force_language: 'de' } },
    ]) {
      expect(await failure(h.client.checkoutSessions.create({ product_cart: cart, ...extra }))).toEqual({ status: 501, code: 'NOT_IMPLEMENTED' });
    }
  });
});

describeEveryDeliveredWebhook(h);
