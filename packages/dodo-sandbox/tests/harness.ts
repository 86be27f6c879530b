// Test harness: an in-process sandbox, an SDK client pointed at it, and a webhook receiver that verifies every delivery.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import DodoPayments from 'dodopayments';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as coreSchemas from '@dodopayments/core/schemas';
import { WebhookPayloadSchema } from '@dodopayments/core/schemas';
import { Webhook } from 'standardwebhooks';
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type RunningSandbox, type SandboxOptions } from '../src/server';
import { generateWebhookSecret } from '../src/webhooks/signing';

export const TEST_CHECKOUT_BASE_URL = 'https://test.checkout.dodopayments.com';

export type ReceivedWebhook = {
  webhookId: string;
  type: string;
  /** The raw JSON body as parsed (not the zod output, which turns dates into Date objects). */
  payload: { business_id: string; type: string; timestamp: string; data: Record<string, unknown> & { payload_type: string } };
  headers: Record<string, string>;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Verification or schema failures: every test expects none. */
  problems: string[];
  /** Status codes to answer with, one per request, before falling back to 200. */
  respondWith: number[];
  ofType(type: string): ReceivedWebhook[];
  close(): Promise<void>;
};

/** For a known event type the union's last branch hides the cause: the type's own schema names it. */
function schemaIssues(payload: { type?: string }): unknown {
  for (const candidate of Object.values(coreSchemas)) {
    const shape = (candidate as { shape?: { type?: { value?: unknown } } }).shape;
    if (shape?.type?.value === payload.type) return (candidate as typeof WebhookPayloadSchema).safeParse(payload).error?.issues.slice(0, 3);
  }
  return WebhookPayloadSchema.safeParse(payload).error?.issues.slice(0, 3);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    received: [],
    problems: [],
    respondWith: [],
    ofType: (type) => receiver.received.filter((w) => w.type === type),
  };
  const verifier = new Webhook(secret);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = receiver.respondWith.shift() ?? 200;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      try {
        verifier.verify(rawBody, headers);
        const parsed = JSON.parse(rawBody) as { type?: string };
        const schema = WebhookPayloadSchema.safeParse(parsed);
        if (!schema.success) receiver.problems.push(`schema ${parsed.type}: ${JSON.stringify(schemaIssues(parsed))}`);
        if (status >= 200 && status < 300) {
          const payload = JSON.parse(rawBody) as ReceivedWebhook['payload'];
          receiver.received.push({ webhookId: headers['webhook-id'], type: payload.type, payload, headers });
        }
      } catch (error) {
        receiver.problems.push(`verify: ${String(error)}`);
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/dodo`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export type Harness = { sandbox: RunningSandbox; client: DodoPayments; receiver: WebhookReceiver; secret: string; stop(): Promise<void> };

export async function startHarness(opts: SandboxOptions = {}): Promise<Harness> {
  const secret = generateWebhookSecret();
  const receiver = await startWebhookReceiver(secret);
  const sandbox = await startSandbox({
    webhookUrl: receiver.url,
    webhookSecret: secret,
    checkoutBaseUrl: TEST_CHECKOUT_BASE_URL,
    timeFactor: 0.001,
    ...opts,
  });
  const client = new DodoPayments({ bearerToken: DEFAULT_SANDBOX_API_KEY, baseURL: sandbox.url, maxRetries: 0 });
  return {
    sandbox,
    client,
    receiver,
    secret,
    stop: async () => {
      await sandbox.stop();
      await receiver.close();
    },
  };
}

export const monthlyPrice = (price: number, extra: Record<string, unknown> = {}) => ({
  type: 'recurring_price' as const,
  price,
  currency: 'USD' as const,
  discount: 0,
  purchasing_power_parity: false,
  payment_frequency_count: 1,
  payment_frequency_interval: 'Month' as const,
  subscription_period_count: 10,
  subscription_period_interval: 'Year' as const,
  ...extra,
});

export const oneTimePrice = (price: number) => ({
  type: 'one_time_price' as const,
  price,
  currency: 'USD' as const,
  discount: 0,
  purchasing_power_parity: false,
});

/** The status and Dodo error code a rejected SDK call carries (it fails the test when the call succeeds). */
export async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; code: string | undefined }> {
  try {
    await call;
  } catch (error) {
    const apiError = error as { status?: number; error?: { code?: string } };
    return { status: apiError.status, code: apiError.error?.code };
  }
  throw new Error('expected the call to fail');
}

/** A monthly plan bought by `email`: the subscription and its first payment. */
export async function subscribe(h: Harness, email: string, opts: { price?: number; card?: string; country?: string } = {}) {
  const plan = await h.client.products.create({ name: `Plan for ${email}`, price: monthlyPrice(opts.price ?? 1000), tax_category: 'saas' });
  const { result } = await buy(h, plan.product_id, { email, card: opts.card, country: opts.country, metadata: { order_id: `ord_${email}` } });
  return { plan, subscriptionId: result.subscription_id as string, paymentId: result.payment_id };
}

/** Creates a session for one product and pays it with a card, as the buyer on the hosted page would. */
export async function buy(
  h: Harness,
  productId: string,
  opts: { card?: string; email?: string; country?: string; metadata?: Record<string, string>; trialDays?: number } = {},
) {
  const session = await h.client.checkoutSessions.create({
    product_cart: [{ product_id: productId, quantity: 1 }],
    customer: { email: opts.email ?? 'buyer@example.com', name: 'Ada Buyer' },
    billing_address: { country: (opts.country ?? 'US') as 'US' },
    return_url: 'https://merchant.test/return',
    metadata: opts.metadata ?? { order_id: 'ord_1' },
    ...(opts.trialDays !== undefined ? { subscription_data: { trial_period_days: opts.trialDays } } : {}),
  });
  const result = await h.sandbox.control.completeCheckout(session.session_id, { card_number: opts.card ?? '4242 4242 4242 4242' });
  return { session, result };
}

export const DAY = 86_400;

/**
 * One harness for the test file: started before its tests, stopped after them. `reset` gives every test an empty
 * sandbox (no clock offset, no faults) and an empty received list. The file ends by checking every delivery.
 */
export function harnessForFile(opts: { reset?: boolean } = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
  });
  afterAll(async () => {
    await h.stop();
  });
  if (opts.reset) {
    beforeEach(async () => {
      await h.sandbox.control.reset();
      h.receiver.received.length = 0;
    });
  }
  return h;
}

/** The closing check of a test file: every webhook its scenarios delivered verified and passed the strict schema. */
export function describeEveryDeliveredWebhook(h: Harness): void {
  describe('every delivered webhook', () => {
    it('verified with the endpoint secret and passed WebhookPayloadSchema', async () => {
      await h.sandbox.control.flush();
      expect(h.receiver.problems).toEqual([]);
    });
  });
}
