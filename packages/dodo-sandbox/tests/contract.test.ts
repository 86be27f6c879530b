// Contract tests: the same assertions against the sandbox (always) and against Dodo's test mode (when
// DODO_CONTRACT_API_KEY holds a test-mode key; DODO_CONTRACT_BASE_URL overrides https://test.dodopayments.com).
// They use only the public API through the official SDK, so a failure on one target and not the other is a
// place where the sandbox and Dodo disagree.
import { randomUUID } from 'node:crypto';
import DodoPayments, { NotFoundError } from 'dodopayments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type RunningSandbox } from '../src/server';
import { failure, oneTimePrice } from './harness';

const DODO_KEY = process.env.DODO_CONTRACT_API_KEY;
const DODO_BASE_URL = process.env.DODO_CONTRACT_BASE_URL ?? 'https://test.dodopayments.com';

type Target = { client: DodoPayments; baseURL: string; apiKey: string };

function contractSuite(target: () => Target): void {
  const run = randomUUID().slice(0, 8);
  const client = () => target().client;
  const raw = (path: string, init: RequestInit) =>
    fetch(`${target().baseURL}${path}`, { ...init, headers: { authorization: `Bearer ${target().apiKey}`, 'content-type': 'application/json' } });

  it('creates and retrieves a product with Dodo\u2019s shape', async () => {
    const product = await client().products.create({ name: `Contract ${run}`, price: oneTimePrice(1234), tax_category: 'saas' });
    expect(product.product_id).toMatch(/^pdt_[A-Za-z0-9]+$/);
    expect(await client().products.retrieve(product.product_id)).toMatchObject({
      product_id: product.product_id,
      name: `Contract ${run}`,
      is_recurring: false,
      price: { type: 'one_time_price', price: 1234, currency: 'USD' },
    });
  });

  it('answers an unknown product with 404', async () => {
    await expect(client().products.retrieve('pdt_contract0unknown00000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses malformed JSON and a bad body with INVALID_REQUEST_BODY', async () => {
    const malformed = await raw('/products', { method: 'POST', body: '{"name": ' });
    expect([400, 422]).toContain(malformed.status);
    expect(((await malformed.json()) as { code: string }).code).toBe('INVALID_REQUEST_BODY');
    expect((await failure(client().products.create({ name: 'Bad currency', price: { ...oneTimePrice(100), currency: 'XYZ' as 'USD' }, tax_category: 'saas' }))).code).toBe(
      'INVALID_REQUEST_BODY',
    );
  });

  it('refuses bad list parameters with INVALID_QUERY_PARAMS', async () => {
    expect(await failure(client().products.list({ page_size: 500 }))).toEqual({ status: 422, code: 'INVALID_QUERY_PARAMS' });
    expect(await failure(client().payments.list({ status: 'bogus' as 'succeeded' }))).toEqual({ status: 422, code: 'INVALID_QUERY_PARAMS' });
    expect(await failure(client().subscriptions.list({ status: 'bogus' as 'active' }))).toEqual({ status: 422, code: 'INVALID_QUERY_PARAMS' });
  });

  it('creates a checkout session, reads its status, and previews its price', async () => {
    const product = await client().products.create({ name: `Contract checkout ${run}`, price: oneTimePrice(2000), tax_category: 'saas' });
    const cart = [{ product_id: product.product_id, quantity: 1 }];
    const session = await client().checkoutSessions.create({ product_cart: cart, customer: { email: `contract-${run}@example.com`, name: 'Contract' } });
    expect(session.session_id).toMatch(/^cks_/);
    expect(session.checkout_url).toEqual(expect.stringContaining(session.session_id));
    expect(await client().checkoutSessions.retrieve(session.session_id)).toMatchObject({ id: session.session_id, payment_id: null });
    const preview = await client().checkoutSessions.preview({ product_cart: cart, billing_address: { country: 'US' } });
    expect(preview).toMatchObject({ currency: 'USD', billing_country: 'US', product_cart: [expect.objectContaining({ product_id: product.product_id, quantity: 1 })] });
  });

  it('lists the supported countries', async () => {
    const countries = await client().misc.listSupportedCountries();
    expect(countries).toEqual(expect.arrayContaining(['US', 'IN', 'DE']));
  });

  it('creates, retrieves and archives a meter, and ingests an event for a customer', async () => {
    const meter = await client().meters.create({ name: `Contract ${run}`, event_name: `contract.${run}`, measurement_unit: 'calls', aggregation: { type: 'count' } });
    expect(await client().meters.retrieve(meter.id)).toMatchObject({ id: meter.id, event_name: `contract.${run}`, aggregation: { type: 'count' } });
    const customer = await client().customers.create({ email: `contract-meter-${run}@example.com`, name: 'Contract' });
    const ingested = await client().usageEvents.ingest({ events: [{ event_id: `contract-${run}`, customer_id: customer.customer_id, event_name: `contract.${run}` }] });
    expect(ingested.ingested_count).toBe(1);
    await client().meters.archive(meter.id);
  });

  it('has no invoice for an unknown payment', async () => {
    await expect(client().invoices.payments.retrieve('pay_contract0unknown00000')).rejects.toBeInstanceOf(NotFoundError);
  });
}

describe('contract: the sandbox', () => {
  let sandbox: RunningSandbox;
  let target: Target;
  beforeAll(async () => {
    sandbox = await startSandbox();
    target = { client: new DodoPayments({ bearerToken: DEFAULT_SANDBOX_API_KEY, baseURL: sandbox.url, maxRetries: 0 }), baseURL: sandbox.url, apiKey: DEFAULT_SANDBOX_API_KEY };
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  contractSuite(() => target);
});

describe.skipIf(!DODO_KEY)(`contract: Dodo test mode at ${DODO_BASE_URL}${DODO_KEY ? '' : ' (skipped: set DODO_CONTRACT_API_KEY to a test-mode key to run it)'}`, () => {
  const target: Target = {
    client: new DodoPayments({ bearerToken: DODO_KEY ?? '', baseURL: DODO_BASE_URL, maxRetries: 1, timeout: 30_000 }),
    baseURL: DODO_BASE_URL,
    apiKey: DODO_KEY ?? '',
  };
  contractSuite(() => target);
});
