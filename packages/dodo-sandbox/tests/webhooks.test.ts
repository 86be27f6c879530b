// Webhook delivery: signatures, Dodo's retry schedule, the delivery log, redelivery and the delivery faults.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import DodoPayments from 'dodopayments';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_API_KEY, startSandbox } from '../src/server';
import { buy, describeEveryDeliveredWebhook, harnessForFile, monthlyPrice, oneTimePrice } from './harness';

const h = harnessForFile({ reset: true });

async function purchase(price = 1000) {
  const product = await h.client.products.create({ name: 'Webhook test', price: oneTimePrice(price), tax_category: 'saas' });
  return (await buy(h, product.product_id)).result;
}

describe('the envelope', () => {
  it('carries the full object as GET returns it at that moment', async () => {
    const { payment_id } = await purchase();
    await h.sandbox.control.flush();
    const [event] = h.receiver.ofType('payment.succeeded');
    expect(event.payload).toMatchObject({ business_id: expect.stringMatching(/^bus_/), type: 'payment.succeeded' });
    expect(new Date(event.payload.timestamp).toISOString()).toBe(event.payload.timestamp);
    const { payload_type, ...data } = event.payload.data;
    expect(payload_type).toBe('Payment');
    expect(data).toEqual(JSON.parse(JSON.stringify(await h.client.payments.retrieve(payment_id))));
    expect(event.headers['webhook-signature']).toMatch(/^v1,/);
  });
});

describe('retries', () => {
  it('retries injected failures on the schedule until one succeeds, logging every attempt', async () => {
    h.sandbox.control.setFaults({ fail_next_deliveries: 2 });
    await purchase();
    await h.sandbox.control.flush({ retries: true });

    const [event] = h.sandbox.control.events();
    const attempts = h.sandbox.control.deliveries({ webhook_id: event.webhook_id });
    expect(attempts.map((a) => [a.attempt, a.succeeded, a.status_code])).toEqual([
      [1, false, null],
      [2, false, null],
      [3, true, 200],
    ]);
    expect(attempts[0]).toMatchObject({ event_type: 'payment.succeeded', url: h.receiver.url, error: expect.stringContaining('fail_next_deliveries') });
    expect(attempts.every((a) => typeof a.latency_ms === 'number' && !Number.isNaN(Date.parse(a.attempted_at)))).toBe(true);
    expect(h.receiver.received.map((w) => w.webhookId)).toEqual([event.webhook_id]);
  });

  it('treats a non-2xx answer as a failure and retries', async () => {
    h.receiver.respondWith.push(500, 503);
    await purchase();
    await h.sandbox.control.flush({ retries: true });
    const [event] = h.sandbox.control.events();
    expect(h.sandbox.control.deliveries({ webhook_id: event.webhook_id }).map((a) => a.status_code)).toEqual([500, 503, 200]);
    expect(h.receiver.ofType('payment.succeeded')).toHaveLength(1);
  });
});

describe('redelivery', () => {
  it('resends with the same webhook-id and body, freshly signed', async () => {
    await purchase();
    await h.sandbox.control.flush();
    const [original] = h.receiver.received;
    expect(h.sandbox.control.redeliver(original.webhookId, 2)).toBe(true);
    await h.sandbox.control.flush();
    const copies = h.receiver.received.filter((w) => w.webhookId === original.webhookId);
    expect(copies).toHaveLength(3);
    expect(copies.every((w) => JSON.stringify(w.payload) === JSON.stringify(original.payload))).toBe(true);
    expect(h.sandbox.control.deliveries({ webhook_id: original.webhookId }).filter((a) => a.redelivery)).toHaveLength(2);
  });
});

describe('delivery faults', () => {
  it('drops webhooks but records the events, which a redelivery can still send', async () => {
    h.sandbox.control.setFaults({ drop_webhooks: true });
    await purchase();
    await h.sandbox.control.flush();
    const events = h.sandbox.control.events();
    expect(events.map((e) => [e.type, e.dropped])).toEqual([['payment.succeeded', true]]);
    expect(h.receiver.received).toEqual([]);
    expect(h.sandbox.control.deliveries()).toEqual([]);

    h.sandbox.control.redeliver(events[0].webhook_id);
    await h.sandbox.control.flush();
    expect(h.receiver.received.map((w) => w.webhookId)).toEqual([events[0].webhook_id]);
  });

  it('reverses the events of one action', async () => {
    const plan = await h.client.products.create({ name: 'Ordered', price: monthlyPrice(1000), tax_category: 'saas', license_key_enabled: true });
    h.sandbox.control.setFaults({ order: 'reverse' });
    await buy(h, plan.product_id);
    await h.sandbox.control.flush();
    expect(h.receiver.received.map((w) => w.type)).toEqual(['license_key.created', 'subscription.active', 'payment.succeeded']);
  });
});

describe('concurrent deliveries', () => {
  /** A receiver that holds each request until `expected` are in flight (or 2 s pass), recording the most it saw at once. */
  async function startBarrierReceiver(expected: number) {
    let inFlight = 0;
    let maxInFlight = 0;
    const waiting: (() => void)[] = [];
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const release = () => {
          inFlight -= 1;
          res.writeHead(200).end();
        };
        waiting.push(release);
        if (inFlight >= expected) waiting.splice(0).forEach((r) => r());
        else setTimeout(() => waiting.splice(0).forEach((r) => r()), 2_000).unref();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      bodies,
      maxInFlight: () => maxInFlight,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('sends duplicate_deliveries copies of a first attempt at the same time, with one webhook-id and body', async () => {
    const receiver = await startBarrierReceiver(3);
    const endpoint = await h.client.webhooks.create({ url: receiver.url, filter_types: ['payment.succeeded'] });
    h.sandbox.control.setFaults({ duplicate_deliveries: 2 });
    await purchase();
    await h.sandbox.control.flush();
    const attempts = h.sandbox.control.deliveries().filter((d) => d.endpoint_id === endpoint.id);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.webhook_id)).size).toBe(1);
    expect(new Set(receiver.bodies).size).toBe(1);
    expect(receiver.maxInFlight()).toBe(3);
    await receiver.close();
  });

  it('sends the copies of a redelivery at once under concurrent_redeliveries', async () => {
    await purchase();
    await h.sandbox.control.flush();
    const receiver = await startBarrierReceiver(4);
    const endpoint = await h.client.webhooks.create({ url: receiver.url, filter_types: ['payment.succeeded'] });
    const [event] = h.sandbox.control.events().filter((e) => e.type === 'payment.succeeded');
    h.sandbox.control.setFaults({ concurrent_redeliveries: true });
    h.sandbox.control.redeliver(event.webhook_id, 4);
    await h.sandbox.control.flush();
    expect(h.sandbox.control.deliveries({ webhook_id: event.webhook_id }).filter((d) => d.endpoint_id === endpoint.id && d.redelivery)).toHaveLength(4);
    expect(receiver.maxInFlight()).toBe(4);
    await receiver.close();
  });
});

describe('events with their signed bodies', () => {
  it('returns the exact delivered body, and headers that verify with the endpoint secret', async () => {
    await purchase();
    await h.sandbox.control.flush();
    const response = await fetch(`${h.sandbox.url}/sandbox/events?signed=true&type=payment.succeeded`);
    const { items } = (await response.json()) as { items: { webhook_id: string; body: string; headers: Record<string, string> }[] };
    expect(items).toHaveLength(1);
    const [delivered] = h.receiver.ofType('payment.succeeded');
    expect(JSON.parse(items[0].body)).toEqual(delivered.payload);
    expect(items[0].headers['webhook-id']).toBe(items[0].webhook_id);
    expect(() => new Webhook(h.secret).verify(items[0].body, items[0].headers)).not.toThrow();
  });
});

describe('the control API over HTTP', () => {
  const control = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${h.sandbox.url}/sandbox/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
  };

  it('completes checkouts, advances the clock, injects faults, opens disputes and lists events', async () => {
    const product = await h.client.products.create({ name: 'HTTP control', price: monthlyPrice(1000), tax_category: 'saas' });
    const session = await h.client.checkoutSessions.create({ product_cart: [{ product_id: product.product_id, quantity: 1 }], customer: { email: 'http@example.com' } });

    expect((await control('POST', 'faults', { fail_next_charges: 1 })).body).toMatchObject({ fail_next_charges: 1 });
    expect((await control('POST', `checkouts/${session.session_id}/complete`, { card_number: '4242424242424242' })).body).toMatchObject({ status: 'failed' });
    const paid = await control('POST', `checkouts/${session.session_id}/complete`, { upi_id: 'success@upi' });
    expect(paid.body).toMatchObject({ status: 'succeeded' });
    expect((await control('POST', `checkouts/${session.session_id}/complete`, { upi_id: 'success@upi' })).status).toBe(409);

    expect((await control('POST', 'clock/advance', { seconds: 32 * 86_400 })).body.offset_seconds).toBeGreaterThanOrEqual(32 * 86_400);
    expect((await control('POST', 'disputes', { payment_id: paid.body.payment_id, outcome: 'won' })).body).toMatchObject({ dispute_status: 'dispute_won' });
    expect((await control('POST', 'deliveries/flush', {})).body).toEqual({ ok: true });

    const types = (await control('GET', 'events')).body.items?.map((e) => e.type);
    expect(types).toEqual([
      'payment.failed',
      'subscription.failed',
      'payment.processing',
      'payment.succeeded',
      'subscription.active',
      'payment.succeeded',
      'subscription.renewed',
      'subscription.updated',
      'dispute.opened',
      'dispute.won',
    ]);
    const deliveries = (await control('GET', 'deliveries')).body.items ?? [];
    expect(deliveries).toHaveLength(10);

    const webhookId = (await control('GET', 'events')).body.items?.[0].webhook_id as string;
    expect((await control('POST', `events/${webhookId}/redeliver`, { count: 1 })).status).toBe(202);
    expect((await control('POST', 'events/msg_unknown/redeliver', {})).status).toBe(404);

    expect((await control('POST', 'reset')).body).toEqual({ ok: true });
    expect((await control('GET', 'events')).body.items).toEqual([]);
  });
});

describe('persistence', () => {
  it('keeps the state in the state file across restarts', async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dodo-sandbox-')), 'state.json');
    const first = await startSandbox({ stateFile });
    const firstClient = new DodoPayments({ bearerToken: DEFAULT_SANDBOX_API_KEY, baseURL: first.url, maxRetries: 0 });
    const product = await firstClient.products.create({ name: 'Persistent', price: oneTimePrice(100), tax_category: 'saas' });
    first.control.advanceClock(3600);
    await first.stop();

    const second = await startSandbox({ stateFile });
    try {
      const secondClient = new DodoPayments({ bearerToken: DEFAULT_SANDBOX_API_KEY, baseURL: second.url, maxRetries: 0 });
      expect(await secondClient.products.retrieve(product.product_id)).toMatchObject({ name: 'Persistent' });
      expect(second.control.clock().offset_seconds).toBeGreaterThanOrEqual(3599);
    } finally {
      await second.stop();
    }
  });
});

describeEveryDeliveredWebhook(h);
