// Exactly-once under storms, end to end: a database and a sandbox of this file's own (the sandbox's
// clock moves a year), the catalogue loaded by `npm run dodo:sync`, purchases made through startCheckout
// and paid on the sandbox, and every recorded event delivered to the production webhook route, many
// times at once and out of order. Afterwards everything stored must equal the sandbox's objects.
import { sandbox, stopIsolatedStack } from '@/test/isolated-stack';
import { afterAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import type { RunningSandbox } from '@dodo-saas-starter/dodo-sandbox';
import {
  creditBalances,
  entitlements,
  fulfilments,
  licenseKeys,
  orders,
  payments,
  plans,
  refunds,
  subscriptions,
  webhookEvents,
  type Plan,
} from '@/db/schema';
import { oneTimePaymentAccess, subscriptionAccess } from '@/lib/billing/access-policy';
import { startCheckout } from '@/lib/billing/checkout';
import { dodoObjectTime } from '@/lib/billing/dodo-objects';
import { entitlementSource } from '@/lib/billing/entitlements';
import { LIVE_SUBSCRIPTION_STATUSES, type DisputeStatus, type PaymentStatus, type SubscriptionStatus } from '@/lib/billing/statuses';
import { getDodo } from '@/lib/dodo/client';
import { jobQueueSchema } from '@/lib/jobs/queue';
import { runReconciliation } from '@/lib/ops/reconcile';
import { closeDb, createUser, db, deliverWebhook } from '@/test/fixtures';

const DAY_SECONDS = 86_400;
/** Everyone who bought in this file's storms: the last test checks them all again. */
const allBuyers: Buyer[] = [];

// Test setup: CRM calls are queued only while a CRM is configured; no worker runs here, so nothing is posted.
process.env.CRM_WEBHOOK_URL = 'http://127.0.0.1:9/crm';

afterAll(async () => {
  await closeDb();
  await stopIsolatedStack();
});

/** The same pseudo-random order on every run. */
function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Runs `fn` over the items, `size` at a time. */
async function inPool<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

type Buyer = { id: string; email: string; name: string | null; emailVerified: boolean };

/** A buyer pays for a plan as in the browser: our order and Dodo session, then the card on Dodo's page. */
async function buy(planId: string, card = '4242424242424242') {
  const buyer: Buyer = await createUser();
  const started = await startCheckout({ buyer, planId });
  if (!started.ok) throw new Error(started.error);
  const [order] = await db().select().from(orders).where(eq(orders.id, started.orderId));
  const paid = await sandbox.control.completeCheckout(order.checkoutSessionId!, { card_number: card });
  allBuyers.push(buyer);
  return { buyer, planId, paymentId: paid.payment_id!, subscriptionId: paid.subscription_id };
}

type Recorded = ReturnType<RunningSandbox['control']['events']>[number];

function dataOf(event: Recorded) {
  return (event.payload as { data: Record<string, unknown> }).data;
}

/**
 * Delivers one recorded event `copies` times at once; every delivery must end answered 200. One the route turns
 * away while busy (503 with Retry-After: WEBHOOK_MAX_IN_FLIGHT reached) is sent again, as Dodo would.
 */
async function deliverCopies(event: Recorded, copies: number) {
  const deliver = async (): Promise<number> => {
    for (;;) {
      const response = await deliverWebhook({ body: event.body, headers: event.headers });
      if (response.status !== 503 || !response.headers.get('retry-after')) return response.status;
      // Sooner than the 5 s it asks for; a timer, so the deliveries in flight get the event loop meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  expect(await Promise.all(Array.from({ length: copies }, deliver))).toEqual(Array(copies).fill(200));
}

async function listAll<T>(list: (page: { page_number: number; page_size: number }) => Promise<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; ; page++) {
    const { items } = await list({ page_number: page, page_size: 100 });
    all.push(...items);
    if (items.length < 100) return all;
  }
}

/**
 * Compares what we store for these buyers with the sandbox's objects (read through the SDK): owners,
 * statuses, plans, dates, cancellations, refunds, licence keys, entitlements, credit balances and jobs.
 */
async function expectStoredToEqualSandbox(buyers: Buyer[]) {
  const dodo = getDodo();
  const userIds = buyers.map((b) => b.id);
  const ours = await db().select().from(orders).where(inArray(orders.userId, userIds));
  const ownerOfOrder = new Map(ours.map((o) => [o.id, o.userId]));
  const catalogue = await db().select().from(plans);
  const planOfProduct = new Map(catalogue.map((p) => [p.dodoProductId, p]));
  const ownerOf = (metadata: Record<string, unknown>) => ownerOfOrder.get(String(metadata.order_id));

  const dodoPayments = (await listAll((q) => dodo.payments.list(q))).filter((p) => ownerOf(p.metadata));
  const dodoSubscriptions = (await listAll((q) => dodo.subscriptions.list(q))).filter((s) => ownerOf(s.metadata));
  const paymentIds = new Set(dodoPayments.map((p) => p.payment_id));
  const dodoRefunds = (await listAll((q) => dodo.refunds.list(q))).filter((r) => paymentIds.has(r.payment_id));
  const dodoKeys = (await listAll((q) => dodo.licenseKeys.list(q))).filter((k) => k.payment_id && paymentIds.has(k.payment_id));
  const dodoDisputes = (await listAll((q) => dodo.disputes.list(q))).filter((d) => paymentIds.has(d.payment_id));

  const storedPayments = await db().select().from(payments).where(inArray(payments.userId, userIds));
  expect(storedPayments.map((p) => ({ id: p.id, status: p.status, amount: p.amountCents, userId: p.userId })).sort(byId)).toEqual(
    dodoPayments.map((p) => ({ id: p.payment_id, status: p.status ?? 'processing', amount: p.total_amount, userId: ownerOf(p.metadata) })).sort(byId),
  );
  const storedSubscriptions = await db().select().from(subscriptions).where(inArray(subscriptions.userId, userIds));
  expect(storedSubscriptions.map((s) => subscriptionFacts(s)).sort(byId)).toEqual(
    dodoSubscriptions
      .map((s) => ({
        id: s.subscription_id,
        userId: ownerOf(s.metadata),
        status: s.status,
        planId: planOfProduct.get(s.product_id)?.id,
        nextBillingDate: new Date(s.next_billing_date).toISOString(),
        cancelAtPeriodEnd: s.cancel_at_next_billing_date,
        cancelledAt: s.cancelled_at ? new Date(s.cancelled_at).toISOString() : null,
      }))
      .sort(byId),
  );
  const storedRefunds = dodoRefunds.length ? await db().select().from(refunds).where(inArray(refunds.paymentId, [...paymentIds])) : [];
  expect(storedRefunds.map((r) => ({ id: r.id, status: r.status, amount: r.amountCents })).sort(byId)).toEqual(
    dodoRefunds.map((r) => ({ id: r.refund_id, status: r.status, amount: r.amount })).sort(byId),
  );
  const ownerOfPayment = new Map(dodoPayments.map((p) => [p.payment_id, ownerOf(p.metadata)]));
  const storedKeys = await db().select().from(licenseKeys).where(inArray(licenseKeys.paymentId, [...paymentIds]));
  expect(storedKeys.map((k) => ({ id: k.id, status: k.status, userId: k.userId })).sort(byId)).toEqual(
    dodoKeys.map((k) => ({ id: k.id, status: k.status, userId: ownerOfPayment.get(k.payment_id!) })).sort(byId),
  );

  // Access, as the access policy says Dodo's objects grant it.
  const expected: { source: string; key: string; status: string }[] = [];
  for (const s of storedSubscriptions) {
    const truth = dodoSubscriptions.find((d) => d.subscription_id === s.id)!;
    const decision = subscriptionAccess({ status: truth.status, nextBillingDate: new Date(truth.next_billing_date), lastEventAt: s.lastEventAt });
    for (const key of planOfProduct.get(truth.product_id)!.entitlements) expected.push({ source: entitlementSource.subscription(s.id), key, status: decision.status });
  }
  const planOfOrder = new Map(ours.map((o) => [o.id, catalogue.find((p) => p.id === o.planId)!]));
  const expectedCredits = new Map(userIds.map((id) => [id, 0]));
  for (const p of dodoPayments.filter((p) => !p.subscription_id)) {
    const plan = planOfOrder.get(String(p.metadata.order_id)) as Plan;
    const refunded = dodoRefunds.filter((r) => r.payment_id === p.payment_id && r.status === 'succeeded').reduce((sum, r) => sum + (r.amount ?? 0), 0);
    const lost = dodoDisputes.some((d) => d.payment_id === p.payment_id && d.dispute_status === 'dispute_lost');
    const decision = oneTimePaymentAccess({
      status: (p.status ?? 'processing') as PaymentStatus,
      amountCents: p.total_amount,
      refundedCents: refunded,
      disputeStatus: lost ? ('dispute_lost' satisfies DisputeStatus) : null,
    });
    for (const key of plan.entitlements) expected.push({ source: entitlementSource.payment(p.payment_id), key, status: decision.status });
    if (plan.kind === 'credits' && decision.status === 'active') expectedCredits.set(ownerOf(p.metadata)!, expectedCredits.get(ownerOf(p.metadata)!)! + plan.credits);
  }
  const storedAccess = await db().select().from(entitlements).where(inArray(entitlements.userId, userIds));
  const facts = (e: { source: string; key: string; status: string }) => `${e.source} ${e.key} ${e.status}`;
  expect(storedAccess.map(facts).sort()).toEqual(expected.map(facts).sort());
  const balances = await db().select().from(creditBalances).where(inArray(creditBalances.userId, userIds));
  expect(Object.fromEntries(userIds.map((id) => [id, balances.find((b) => b.userId === id)?.balance ?? 0]))).toEqual(Object.fromEntries(expectedCredits));

  // Jobs: one receipt per charge above $0 and one CRM call per successful payment (CRM_WEBHOOK_URL is set above), one email per licence key; each queued exactly once.
  const jobs = await db().select({ kind: fulfilments.kind, subjectId: fulfilments.subjectId, id: fulfilments.id }).from(fulfilments);
  const succeeded = dodoPayments.filter((p) => p.status === 'succeeded').map((p) => p.payment_id).sort();
  // A $0 charge (a trial start) gets no receipt.
  const charged = dodoPayments.filter((p) => p.status === 'succeeded' && p.total_amount > 0).map((p) => p.payment_id).sort();
  expect(jobs.filter((j) => j.kind === 'receipt_email' && paymentIds.has(j.subjectId)).map((j) => j.subjectId).sort()).toEqual(charged);
  expect(jobs.filter((j) => j.kind === 'crm_webhook' && paymentIds.has(j.subjectId)).map((j) => j.subjectId).sort()).toEqual(succeeded);
  expect(jobs.filter((j) => j.kind === 'license_key_email').map((j) => j.subjectId).sort()).toEqual(expect.arrayContaining(dodoKeys.map((k) => k.id).sort()));
  // Every fulfilment is in exactly one job (an event's fulfilments share one).
  const queued = await db().execute<{ id: string }>(
    sql`select json_array_elements_text(payload->'fulfilmentIds') as id from ${sql.identifier(jobQueueSchema())}._private_jobs`,
  );
  expect(queued.map((q) => q.id).sort()).toEqual(jobs.map((j) => j.id).sort());
  return { dodoPayments, dodoSubscriptions, jobs };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

function subscriptionFacts(s: typeof subscriptions.$inferSelect) {
  return {
    id: s.id,
    userId: s.userId,
    status: s.status as SubscriptionStatus,
    planId: s.planId ?? undefined,
    nextBillingDate: s.nextBillingDate?.toISOString(),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  };
}

describe('storms against the production webhook route', () => {
  it('210 purchases of every plan, some refunded or lost in a dispute, each event delivered 5 times at once, shuffled: stored state equals the sandbox', { timeout: 300_000 }, async () => {
    const catalogue = (await db().select().from(plans).where(eq(plans.active, true))).map((p) => p);
    const purchases: Awaited<ReturnType<typeof buy>>[] = [];
    await inPool(Array.from({ length: 210 }, (_, i) => catalogue[i % catalogue.length]), 6, async (plan) => {
      purchases.push(await buy(plan.id));
    });
    // Some one-time purchases are refunded or lost in a dispute afterwards.
    const oneTime = purchases.filter((p) => !p.subscriptionId);
    for (const [i, p] of oneTime.entries()) {
      if (i % 5 === 0) await getDodo().refunds.create({ payment_id: p.paymentId });
      else if (i % 7 === 0) sandbox.control.openDispute(p.paymentId, 'lost');
    }

    // Each purchase's events (payment, subscription, licence key, refund, dispute) go out together,
    // every one five times, in a shuffled order, six purchases at a time.
    const events = sandbox.control.events({ signed: true });
    const random = seededRandom(13);
    const byPurchase = new Map<string, Recorded[]>();
    for (const e of events) {
      const data = dataOf(e);
      const paymentId = String(data.payment_id ?? '');
      const purchase = purchases.find((p) => p.paymentId === paymentId || (p.subscriptionId && p.subscriptionId === data.subscription_id));
      if (!purchase) throw new Error(`an event of no purchase: ${e.type}`);
      byPurchase.set(purchase.paymentId, [...(byPurchase.get(purchase.paymentId) ?? []), e]);
    }
    await inPool(shuffled([...byPurchase.values()], random), 6, async (group) => {
      await Promise.all(shuffled(group, random).map((e) => deliverCopies(e, 5)));
    });

    const inbox = await db().select({ count: sql<number>`count(*)::int` }).from(webhookEvents);
    expect(inbox[0].count).toBe(events.length);
    const { dodoPayments, dodoSubscriptions, jobs } = await expectStoredToEqualSandbox(purchases.map((p) => p.buyer));
    expect(dodoPayments).toHaveLength(210);
    expect(dodoSubscriptions.length).toBeGreaterThan(100);
    // Every buyer is onboarded once, whatever they bought and in whatever order its events came.
    const buyers = purchases.map((p) => p.buyer.id).sort();
    expect(jobs.filter((j) => j.kind === 'onboarding_email').map((j) => j.subjectId).sort()).toEqual(buyers);
    expect(jobs.filter((j) => j.kind === 'provision_workspace').map((j) => j.subjectId).sort()).toEqual(buyers);
  });

  it('60 subscriptions through a year of renewals, failed renewals, recoveries, plan changes and cancellations, delivered newest first: stored state equals the sandbox', { timeout: 300_000 }, async () => {
    const dodo = getDodo();
    const catalogue = await db().select().from(plans).where(eq(plans.kind, 'subscription'));
    const product = (id: string) => catalogue.find((p) => p.id === id)!.dodoProductId!;
    const otherTier = (planId: string) => (planId.startsWith('pro') ? planId.replace('pro', 'team') : planId.replace('team', 'pro'));
    const alreadyRecorded = sandbox.control.events().length;

    // Every sixth buyer pays with a card that works at checkout and declines every later charge.
    const bought: Awaited<ReturnType<typeof buy>>[] = Array(60);
    await inPool([...bought.keys()], 6, async (i) => {
      bought[i] = await buy(catalogue[i % catalogue.length].id, i % 6 === 2 ? '4000000000000341' : undefined);
    });
    for (const [i, b] of bought.entries()) {
      const id = b.subscriptionId!;
      if (i % 6 === 0) await dodo.subscriptions.update(id, { cancel_at_next_billing_date: true });
      if (i % 6 === 1) await dodo.subscriptions.changePlan(id, { product_id: product(otherTier(b.planId)), quantity: 1, proration_billing_mode: 'prorated_immediately', effective_at: 'next_billing_date' });
      if (i % 6 === 3) await dodo.subscriptions.update(id, { status: 'cancelled' });
      if (i % 6 === 4) await dodo.subscriptions.changePlan(id, { product_id: product(otherTier(b.planId)), quantity: 1, proration_billing_mode: 'prorated_immediately' });
    }
    // Their renewals fail, are retried, and end on hold; half of them recover with a new card.
    sandbox.control.advanceClock(45 * DAY_SECONDS);
    for (const b of bought.filter((_, i) => i % 12 === 2)) {
      if ((await dodo.subscriptions.retrieve(b.subscriptionId!)).status !== 'on_hold') continue;
      const { payment_link } = await dodo.subscriptions.updatePaymentMethod(b.subscriptionId!, { payment_method: { type: 'new', return_url: 'http://127.0.0.1:9/billing' } });
      await sandbox.control.completeCheckout(new URL(payment_link!).pathname.split('/').pop()!, { card_number: '4242424242424242' });
    }
    sandbox.control.advanceClock(330 * DAY_SECONDS);

    // Newest first (sixteen at a time), each event twice at once: older states arrive after newer ones.
    const events = sandbox.control.events({ signed: true }).slice(alreadyRecorded).reverse();
    const statuses = new Set((await Promise.all(bought.map((b) => dodo.subscriptions.retrieve(b.subscriptionId!)))).map((s) => s.status));
    expect([...statuses].sort()).toEqual(['active', 'cancelled', 'on_hold']);
    for (let i = 0; i < events.length; i += 16) await Promise.all(events.slice(i, i + 16).map((e) => deliverCopies(e, 2)));

    await expectStoredToEqualSandbox(bought.map((b) => b.buyer));
  });

  it('reconciliation heals owners, statuses, plans, billing dates and cancellations of any age, a bounded slice per run, dated by Dodo', { timeout: 300_000 }, async () => {
    const dodo = getDodo();
    const live = await db().select().from(subscriptions).where(inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES));
    const [pro, team] = await Promise.all(['pro-monthly', 'team-monthly'].map(async (id) => (await db().select().from(plans).where(eq(plans.id, id)))[0]));
    // What missed webhooks (or the old race) would leave behind, long before any lookback window.
    const damaged = live.slice(0, 24);
    for (const [i, s] of damaged.entries()) {
      const damage = [
        { nextBillingDate: new Date(s.nextBillingDate!.getTime() - 365 * 86_400_000) },
        { cancelAtPeriodEnd: !s.cancelAtPeriodEnd },
        { status: 'cancelled' as const },
        { planId: s.planId === pro.id ? team.id : pro.id, dodoProductId: s.planId === pro.id ? team.dodoProductId! : pro.dodoProductId! },
      ][i % 4];
      await db().update(subscriptions).set(damage).where(eq(subscriptions.id, s.id));
    }
    const keys = await db().select().from(licenseKeys).limit(12);
    await db().update(licenseKeys).set({ userId: null }).where(inArray(licenseKeys.id, keys.map((k) => k.id)));

    // Nothing is recent enough for the lookback: only the sweep finds them, 40 objects of each kind per run.
    const runs = [];
    for (let i = 0; i < 6; i++) runs.push(await runReconciliation({ trigger: 'manual', lookbackHours: 0, sweepSize: 40 }));
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
    const repaired = new Set(runs.flatMap((r) => r.repairs.map((x) => x.objectId)));
    expect([...damaged.map((s) => s.id), ...keys.map((k) => k.id)].filter((id) => !repaired.has(id))).toEqual([]);

    await expectStoredToEqualSandbox(allBuyers);
    // Each repair is dated by Dodo's clock: never before the object's own time, never before what was stored.
    for (const s of damaged) {
      const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, s.id));
      const truth = (await dodo.subscriptions.retrieve(s.id)) as unknown as Record<string, unknown>;
      expect(row.lastEventAt.getTime()).toBe(Math.max(s.lastEventAt.getTime(), dodoObjectTime(truth).getTime()));
    }
  });
});
