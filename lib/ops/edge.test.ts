// The edge under anonymous traffic: unsigned deliveries are counted, not stored one row each; the
// tables that grow with traffic are pruned; events nobody can be tied to are listed for operators.
import { afterAll, describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { entitlements, payments, rateLimits, verificationTokens, webhookDeliveries, webhookRejections } from '@/db/schema';
import { LIMITS } from '@/lib/rate-limit';
import { closeDb, createOpenOrder, createUser, db, deliverWebhook, dodoId, paymentPayload, signedWebhook } from '@/test/fixtures';
import { pruneOldRecords, RATE_LIMIT_COUNTERS_KEPT_MS } from './retention';
import { REJECTION_SAMPLES_PER_HOUR } from './webhook-deliveries';
import { countSignatureRejections, listUnattributedEvents } from './webhook-failures';

afterAll(closeDb);

// Stale timestamps: a reason no other test file sends in bulk, so the hour's samples are this test's to count.
const REASON = 'invalid signature: Message timestamp too old';
const counted = async () => (await countSignatureRejections(1)).find((r) => r.reason === REASON)?.count ?? 0;

describe('rejected deliveries', () => {
  it(`are counted per hour and reason; at most ${REJECTION_SAMPLES_PER_HOUR} an hour become rows`, async () => {
    const before = await counted();
    const prefix = `msg_forged_${crypto.randomUUID()}`;
    const forged = Array.from({ length: 3 * REJECTION_SAMPLES_PER_HOUR }, (_, i) => {
      return signedWebhook('payment.succeeded', paymentPayload({ amount: 100, email: 'x@example.test' }), { id: `${prefix}_${i}`, signedAt: new Date(Date.now() - 3_600_000) });
    });
    const answers = await Promise.all(forged.map((d) => deliverWebhook(d)));
    expect(answers.every((r) => r.status === 401)).toBe(true);

    expect((await counted()) - before).toBeGreaterThanOrEqual(forged.length);
    const rows = await db().select().from(webhookDeliveries).where(like(webhookDeliveries.webhookId, `${prefix}_%`));
    expect(rows.length).toBeLessThanOrEqual(REJECTION_SAMPLES_PER_HOUR);
    const [hour] = await db().select().from(webhookRejections).where(sql`${webhookRejections.reason} = ${REASON} and ${webhookRejections.hour} = date_trunc('hour', now())`);
    expect(hour.count).toBeGreaterThanOrEqual(forged.length);
  });
});

describe('retention', () => {
  it('prunes old delivery rows and counters, ended rate-limit windows and expired links, and keeps the rest', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const id = crypto.randomUUID();
    await db().insert(webhookDeliveries).values([
      { webhookId: `msg_old_${id}`, receivedAt: old, signature: 'invalid', statusCode: 401, result: 'rejected' },
      { webhookId: `msg_new_${id}`, signature: 'invalid', statusCode: 401, result: 'rejected' },
    ]);
    await db().insert(webhookRejections).values({ hour: old, reason: `old ${id}`, count: 5 });
    await db().insert(rateLimits).values([
      { key: `signUpPerIp:old-${id}`, windowStart: old, hits: 3 },
      { key: `signUpPerIp:new-${id}`, windowStart: new Date(), hits: 3 },
    ]);
    await db().insert(verificationTokens).values([
      { identifier: `magic-link:${id}:a@example.test`, token: `expired-${id}`, expires: new Date(Date.now() - 1000) },
      { identifier: `magic-link:${id}:a@example.test`, token: `live-${id}`, expires: new Date(Date.now() + 600_000) },
    ]);

    const pruned = await pruneOldRecords(30);
    expect(pruned.deliveries).toBeGreaterThanOrEqual(1);
    expect((await db().select().from(webhookDeliveries).where(like(webhookDeliveries.webhookId, `msg_%_${id}`))).map((r) => r.webhookId)).toEqual([`msg_new_${id}`]);
    expect(await db().select().from(webhookRejections).where(eq(webhookRejections.reason, `old ${id}`))).toHaveLength(0);
    expect((await db().select().from(rateLimits).where(like(rateLimits.key, `signUpPerIp:%-${id}`))).map((r) => r.key)).toEqual([`signUpPerIp:new-${id}`]);
    expect((await db().select().from(verificationTokens).where(like(verificationTokens.identifier, `magic-link:${id}:%`))).map((r) => r.token)).toEqual([`live-${id}`]);
  });

  it('keeps every rate-limit counter whose window may still be open', () => {
    for (const limit of Object.values(LIMITS)) expect(limit.windowSeconds * 1000).toBeLessThan(RATE_LIMIT_COUNTERS_KEPT_MS);
  });
});

describe('unattributed events', () => {
  it('are stored, grant nothing, and are listed for operators; an event of ours is not', async () => {
    const stranger = paymentPayload({ amount: 4200, email: 'who-is-this@example.test' });
    expect((await deliverWebhook(signedWebhook('payment.succeeded', stranger))).status).toBe(200);
    const [stored] = await db().select().from(payments).where(eq(payments.id, stranger.payment_id));
    expect(stored.userId).toBeNull();
    expect((await listUnattributedEvents()).find((e) => e.objectId === stranger.payment_id)).toMatchObject({ type: 'payment.succeeded', customerEmail: 'who-is-this@example.test' });

    const buyer = await createUser();
    const { order } = await createOpenOrder(buyer.id, 'lifetime');
    const ours = paymentPayload({ paymentId: dodoId('pay'), amount: order.amountCents, orderId: order.id, userId: buyer.id, email: buyer.email });
    expect((await deliverWebhook(signedWebhook('payment.succeeded', ours))).status).toBe(200);
    const listed = await listUnattributedEvents();
    expect(listed.some((e) => e.objectId === ours.payment_id)).toBe(false);
    expect(await db().select().from(entitlements).where(eq(entitlements.userId, buyer.id))).not.toHaveLength(0);
  });
});
