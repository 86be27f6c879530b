// The webhook endpoint's edge: bodies are capped before anything reads or verifies them, and a key
// rotation overlaps (DODO_PAYMENTS_WEBHOOK_KEY holds several secrets).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/dodo/route';
import { closeDb, createOpenOrder, createUser, paymentPayload, signedWebhook } from '@/test/fixtures';

const { FIRST_SECRET, NEXT_SECRET } = vi.hoisted(() => {
  const first = process.env.DODO_PAYMENTS_WEBHOOK_KEY!;
  const next = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
  // The configuration of a rotation in progress: the old secret and the new one, both accepted.
  process.env.DODO_PAYMENTS_WEBHOOK_KEY = `${first}, ${next}`;
  return { FIRST_SECRET: first, NEXT_SECRET: next };
});

afterAll(closeDb);

const post = (init: RequestInit & { duplex?: 'half' }) => POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', ...init }));

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe('the webhook endpoint', () => {
  it('answers 413 to a body over 1 MiB that says so in Content-Length, before reading it', async () => {
    const res = await post({ headers: { 'content-length': String(100 * 1024 * 1024) }, body: 'x' });
    expect(res.status).toBe(413);
  });

  it('answers 413 to a chunked body over 1 MiB without Content-Length, and stops reading it', async () => {
    let pulled = 0;
    const body = streamOf(100 * 1024 * 1024).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    const res = await post({ body, duplex: 'half' });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it('accepts an event signed with either secret during a rotation, and rejects a third', async () => {
    const buyer = await createUser();
    for (const secret of [FIRST_SECRET, NEXT_SECRET]) {
      const { order } = await createOpenOrder(buyer.id, 'credits-1000');
      const payment = paymentPayload({ amount: order.amountCents, orderId: order.id, userId: buyer.id, email: buyer.email });
      const d = signedWebhook('payment.succeeded', payment, { secret });
      expect((await post({ headers: d.headers, body: d.body })).status).toBe(200);
    }
    const stranger = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
    const d = signedWebhook('payment.succeeded', paymentPayload({ amount: 100, email: buyer.email }), { secret: stranger });
    expect((await post({ headers: d.headers, body: d.body })).status).toBe(401);
  });
});
