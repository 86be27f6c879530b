// The webhook endpoint's edge: bodies are capped before anything reads or verifies them, and a key
// rotation overlaps (DODO_PAYMENTS_WEBHOOK_KEY holds several secrets).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/dodo/route';
import { eq, sql } from 'drizzle-orm';
import { payments } from '@/db/schema';
import { closeDb, createOpenOrder, createUser, db, paymentPayload, signedWebhook } from '@/test/fixtures';

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

  it('turns a delivery away with 503 and Retry-After while WEBHOOK_MAX_IN_FLIGHT are in flight, and takes the next once one is done', async () => {
    process.env.WEBHOOK_MAX_IN_FLIGHT = '1';
    try {
      // One open order per buyer and plan: a buyer each.
      const delivery = async () => {
        const buyer = await createUser();
        const { order } = await createOpenOrder(buyer.id, 'credits-1000');
        const payment = paymentPayload({ amount: order.amountCents, orderId: order.id, userId: buyer.id, email: buyer.email });
        return { payment, ...signedWebhook('payment.succeeded', payment, { secret: FIRST_SECRET }) };
      };
      const [held, turnedAway, later] = [await delivery(), await delivery(), await delivery()];

      // Another connection holds the first payment's purchase lock, so its delivery waits in flight.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let lockTaken!: () => void;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const holder = db().transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payment:${held.payment.payment_id}`}, 0))`);
        lockTaken();
        await released;
      });
      await taken;
      const first = post({ headers: held.headers, body: held.body });

      const busy = await post({ headers: turnedAway.headers, body: turnedAway.body });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect(await db().select().from(payments).where(eq(payments.id, turnedAway.payment.payment_id))).toHaveLength(0);

      release();
      await holder;
      expect((await first).status).toBe(200);
      expect((await post({ headers: later.headers, body: later.body })).status).toBe(200);
      // The one turned away, delivered again (as Dodo retries it), is applied.
      expect((await post({ headers: turnedAway.headers, body: turnedAway.body })).status).toBe(200);
    } finally {
      delete process.env.WEBHOOK_MAX_IN_FLIGHT;
    }
  });
});
