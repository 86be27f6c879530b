// Reconciliation against real PostgreSQL and the sandbox (through getDodo()): purchases whose webhooks
// were all dropped, some dropped, or duplicated, healed through the webhook's own apply path.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { and, eq, inArray, like } from 'drizzle-orm';
import { creditBalances, creditLedger, entitlements, licenseKeys, orders, payments, reconciliationRepairs, reconciliationRuns, subscriptions, webhookDeliveries } from '@/db/schema';
import { hasEntitlement } from '@/lib/billing/entitlements';
import { closeDb, createUser, db } from '@/test/fixtures';
import { buy, eventsFor, relay as deliver, sandbox } from '@/test/sandbox';
import { repairFromDodo, runReconciliation } from './reconcile';
import { buildTimeline, loadThread } from './timeline';
import { listFailedWebhooks } from './webhook-failures';

afterAll(closeDb);

/** The shared test database holds made-up subscriptions Dodo never saw: the sweep over all ages is tested on a database of its own (test/storm.test.ts). */
const recentOnly = { sweepSize: 0 };
afterEach(() => setFaults({ drop_webhooks: false }));

const setFaults = (faults: Record<string, unknown>) => sandbox('/sandbox/faults', faults);

async function creditsOf(userId: string) {
  const [row] = await db().select().from(creditBalances).where(eq(creditBalances.userId, userId));
  return row?.balance ?? 0;
}

async function repairsOf(objectIds: string[]) {
  return db().select().from(reconciliationRepairs).where(inArray(reconciliationRepairs.objectId, objectIds));
}

describe('runReconciliation', () => {
  it('with every webhook dropped, one run grants exactly what was paid for, once; late webhooks change nothing', async () => {
    await setFaults({ drop_webhooks: true });
    const buyer = await createUser();
    const credits = await buy(buyer, 'credits-1000');
    const pro = await buy(buyer, 'pro-monthly');
    const lifetime = await buy(buyer, 'lifetime');

    // Paid at Dodo, nothing known here: the webhooks never came.
    expect(await db().select().from(payments).where(eq(payments.userId, buyer.id))).toHaveLength(0);
    expect(await hasEntitlement(buyer.id, 'pro', db())).toBe(false);

    const run = await runReconciliation({ trigger: 'manual', actor: 'ops@example.test', ...recentOnly });
    expect(run.status).toBe('succeeded');
    expect(run.checked.payments).toBeGreaterThanOrEqual(3);

    expect(await hasEntitlement(buyer.id, 'pro', db())).toBe(true);
    expect(await hasEntitlement(buyer.id, 'license', db())).toBe(true);
    expect(await creditsOf(buyer.id)).toBe(1000);
    const paidOrders = await db().select().from(orders).where(inArray(orders.id, [credits.order.id, pro.order.id, lifetime.order.id]));
    expect(paidOrders.map((o) => o.status)).toEqual(['paid', 'paid', 'paid']);
    const [subscription] = await db().select().from(subscriptions).where(eq(subscriptions.userId, buyer.id));
    expect(subscription.status).toBe('active');
    expect(await db().select().from(licenseKeys).where(eq(licenseKeys.userId, buyer.id))).toHaveLength(1);

    const paymentIds = [credits.paymentId!, pro.paymentId!, lifetime.paymentId!];
    const repairs = await repairsOf([...paymentIds, subscription.id]);
    expect(repairs).toHaveLength(4);
    expect(repairs.every((r) => r.reason === 'not_stored' && r.runId === run.runId)).toBe(true);
    const [runRow] = await db().select().from(reconciliationRuns).where(eq(reconciliationRuns.id, run.runId));
    expect(runRow).toMatchObject({ status: 'succeeded', trigger: 'manual', actor: 'ops@example.test' });
    expect(runRow.finishedAt).not.toBeNull();

    // A second run finds these in sync.
    await runReconciliation(recentOnly);
    expect(await repairsOf([...paymentIds, subscription.id])).toHaveLength(4);

    // Dodo's webhooks arrive after all: nothing more changes.
    const entitlementsBefore = await db().select().from(entitlements).where(eq(entitlements.userId, buyer.id));
    const late = await eventsFor([credits.order.id, pro.order.id, lifetime.order.id]);
    expect(late.map((e) => e.type)).toEqual(expect.arrayContaining(['payment.succeeded', 'subscription.active']));
    for (const event of late) {
      expect((await deliver(event)).status).toBe(200);
    }
    expect(await creditsOf(buyer.id)).toBe(1000);
    expect(await db().select().from(creditLedger).where(eq(creditLedger.userId, buyer.id))).toHaveLength(1);
    const entitlementsAfter = await db().select().from(entitlements).where(eq(entitlements.userId, buyer.id));
    expect(entitlementsAfter.map((e) => [e.key, e.source, e.status]).sort()).toEqual(entitlementsBefore.map((e) => [e.key, e.source, e.status]).sort());
    expect(await db().select().from(licenseKeys).where(eq(licenseKeys.userId, buyer.id))).toHaveLength(1);
  });

  it('with some webhooks delivered twice and others dropped, it repairs only what is missing', async () => {
    await setFaults({ drop_webhooks: true });
    const buyer = await createUser();
    const pro = await buy(buyer, 'pro-monthly');
    const events = await eventsFor([pro.order.id]);
    const paymentEvent = events.find((e) => e.type === 'payment.succeeded')!;
    const subscriptionEvent = events.find((e) => e.type === 'subscription.active')!;

    // The payment's webhook arrives twice (a retry); the subscription's never does.
    const first = await deliver(paymentEvent);
    const second = await deliver(paymentEvent);
    expect(await first.json()).toMatchObject({ duplicate: false });
    expect(await second.json()).toMatchObject({ duplicate: true });
    expect(await hasEntitlement(buyer.id, 'pro', db())).toBe(false);

    await runReconciliation(recentOnly);
    expect(await hasEntitlement(buyer.id, 'pro', db())).toBe(true);
    const repairs = await repairsOf([pro.paymentId!, String(subscriptionEvent.payload.data.subscription_id)]);
    expect(repairs.map((r) => r.objectType)).toEqual(['subscription']);

    // The subscription's webhook, delivered three times later, changes nothing more.
    for (let i = 0; i < 3; i++) expect((await deliver(subscriptionEvent)).status).toBe(200);
    const rows = await db().select().from(entitlements).where(and(eq(entitlements.userId, buyer.id), eq(entitlements.key, 'pro')));
    expect(rows.map((r) => r.status)).toEqual(['active']);

    // Every arrival is on the timeline, in order, with its duplicate flag; the repair too.
    const deliveries = await db()
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.webhookId, [paymentEvent.webhook_id, subscriptionEvent.webhook_id]))
      .orderBy(webhookDeliveries.seq);
    expect(deliveries.map((d) => d.result)).toEqual(['applied', 'duplicate', 'applied', 'duplicate', 'duplicate']);
    const thread = await loadThread(pro.order.id);
    const timeline = buildTimeline(thread!);
    const kinds = timeline.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['request', 'order', 'checkout']);
    expect(kinds.filter((k) => k === 'delivery')).toHaveLength(5);
    expect(timeline.some((e) => e.kind === 'repair' && e.title.includes('subscription'))).toBe(true);
    expect(timeline.some((e) => e.kind === 'access' && e.title.includes('pro'))).toBe(true);
  });
});

describe('repairFromDodo (retry)', () => {
  it('a delivery our database failed is listed, and its retry applies Dodo’s object', async () => {
    await setFaults({ drop_webhooks: true });
    const buyer = await createUser();
    const lifetime = await buy(buyer, 'lifetime');
    const [event] = (await eventsFor([lifetime.order.id])).filter((e) => e.type === 'payment.succeeded');
    // A signed payload our database cannot store (an amount beyond integer range): answered 5xx.
    const broken = { ...event, webhook_id: `msg_broken_${lifetime.paymentId}`, payload: { ...event.payload, data: { ...event.payload.data, total_amount: 3_000_000_000 } } };
    expect((await deliver(broken)).status).toBe(503);

    const failed = await listFailedWebhooks();
    const listed = failed.find((f) => f.webhookId === broken.webhook_id);
    expect(listed).toMatchObject({ eventType: 'payment.succeeded', objectId: lifetime.paymentId, statusCode: 503 });

    const retry = await repairFromDodo({ kind: 'payment', id: lifetime.paymentId!, actor: 'ops@example.test', webhookId: broken.webhook_id });
    expect(retry.repair).toMatchObject({ objectType: 'payment', outcome: 'applied' });
    expect(await hasEntitlement(buyer.id, 'license', db())).toBe(true);
    const again = await repairFromDodo({ kind: 'payment', id: lifetime.paymentId! });
    expect(again.repair).toBeNull();
    expect(again.message).toMatch(/already matches Dodo/);
  });

  it('an object Dodo does not know is recorded as a failed repair', async () => {
    const result = await repairFromDodo({ kind: 'payment', id: 'pay_doesnotexist00000000' });
    expect(result.repair).toMatchObject({ outcome: 'error' });
    const [row] = await db().select().from(reconciliationRepairs).where(like(reconciliationRepairs.objectId, 'pay_doesnotexist00000000'));
    expect(row.outcome).toBe('error');
  });
});
