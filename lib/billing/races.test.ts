// Ownership under a race and ties between events, against real PostgreSQL, the sandbox (through the
// SDK) and the production webhook route: the two failures the held-out storms found.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { entitlements, licenseKeys, orders, subscriptions, webhookEvents } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { RENEWAL_LEEWAY_DAYS } from './access-policy';
import { startCheckout } from './checkout';
import { closeDb, createUser, db, deliverWebhook, signedWebhook } from '@/test/fixtures';
import { payCheckoutSession, sandboxEvents, setSandboxFaults } from '@/test/sandbox';

afterAll(closeDb);
afterEach(() => setSandboxFaults({ drop_webhooks: false }));

const DAY = 86_400_000;

/** A purchase paid at Dodo whose webhooks were recorded but not sent: the test delivers them. */
async function paidWithoutWebhooks(planId: string) {
  await setSandboxFaults({ drop_webhooks: true });
  const buyer = await createUser();
  const started = await startCheckout({ buyer, planId });
  if (!started.ok) throw new Error(started.error);
  const [order] = await db().select().from(orders).where(eq(orders.id, started.orderId));
  await payCheckoutSession(order.checkoutSessionId!);
  const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
  return { buyer, order, paymentId: session.payment_id! };
}

/** Backends waiting for a lock that backend `pid` holds. */
async function waitingOn(pid: number): Promise<number[]> {
  const rows = await db().execute<{ pid: number }>(sql`select pid from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`);
  return rows.map((r) => r.pid);
}

describe('ownership whatever the interleaving', () => {
  it('a licence key applied while its payment is being applied still gets the buyer as its owner', async () => {
    const { buyer, order, paymentId } = await paidWithoutWebhooks('lifetime');
    const events = (await sandboxEvents()).filter((e) => e.payload.data.payment_id === paymentId);
    const payment = events.find((e) => e.type === 'payment.succeeded')!;
    const key = events.find((e) => e.type === 'license_key.created')!;

    // Another transaction holds the order row (not its key, which the payment's foreign key reads), so
    // the payment's transaction stops half-way, its payment written but not committed, when it marks the order paid.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holderPid = 0;
    const holder = db().transaction(async (tx) => {
      await tx.select().from(orders).where(eq(orders.id, order.id)).for('no key update');
      [{ pid: holderPid }] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      await held;
    });
    await vi.waitFor(() => expect(holderPid).toBeGreaterThan(0));
    const paying = deliverWebhook(payment).then((r) => r.status);
    const [paymentPid] = await vi.waitFor(async () => {
      const waiting = await waitingOn(holderPid);
      expect(waiting).toHaveLength(1);
      return waiting;
    });

    // The key arrives now: it either commits at once or waits for the payment's transaction.
    const keying = deliverWebhook(key).then((r) => r.status);
    await vi.waitFor(async () => {
      const [stored] = await db().select().from(licenseKeys).where(eq(licenseKeys.paymentId, paymentId));
      expect(Boolean(stored) || (await waitingOn(paymentPid)).length > 0).toBe(true);
    });
    release();
    await holder;
    expect(await Promise.all([paying, keying])).toEqual([200, 200]);

    const [stored] = await db().select().from(licenseKeys).where(eq(licenseKeys.paymentId, paymentId));
    expect(stored.userId).toBe(buyer.id);
  });
});

describe('ties resolved by Dodo', () => {
  it('two states of a subscription stamped with the same time: the one Dodo holds now is stored, whichever arrives last', async () => {
    const { buyer } = await paidWithoutWebhooks('pro-yearly');
    const [{ subscription_id: subscriptionId }] = (await getDodo().subscriptions.list({ customer_id: (await getDodo().customers.list({ email: buyer.email })).items[0].customer_id })).items;
    const truth = (await getDodo().subscriptions.retrieve(subscriptionId)) as unknown as Record<string, unknown>;
    const nextBilling = new Date(String(truth.next_billing_date));
    // A plan change and a renewal Dodo stamped alike: the renewal moved the billing date a year further.
    const earlier = { ...truth, next_billing_date: new Date(nextBilling.getTime() - 365 * DAY).toISOString() };
    const eventAt = new Date(String(truth.created_at));
    const renewed = signedWebhook('subscription.renewed', { ...truth, payload_type: 'Subscription' }, { eventAt });
    const planChanged = signedWebhook('subscription.plan_changed', { ...earlier, payload_type: 'Subscription' }, { eventAt });

    expect((await deliverWebhook(renewed)).status).toBe(200);
    expect((await deliverWebhook(planChanged)).status).toBe(200);

    const [stored] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(stored.nextBillingDate?.toISOString()).toBe(nextBilling.toISOString());
    const [access] = await db().select().from(entitlements).where(and(eq(entitlements.userId, buyer.id), eq(entitlements.key, 'pro')));
    expect(access.validUntil?.getTime()).toBe(nextBilling.getTime() + RENEWAL_LEEWAY_DAYS * DAY);
    const [inbox] = await db().select().from(webhookEvents).where(eq(webhookEvents.webhookId, planChanged.id));
    expect(inbox).toMatchObject({ outcome: 'applied', resolvedFromDodo: true });
  });
});
