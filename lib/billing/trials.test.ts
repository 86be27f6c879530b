import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { fulfilments, subscriptions } from '@/db/schema';
import { isInTrial, queueTrialReminders } from './trials';
import { closeDb, createOpenOrder, createUser, db, deliverWebhook, dodoId, signedWebhook, subscriptionPayload } from '@/test/fixtures';

afterAll(closeDb);

const DAY = 86_400_000;

async function trialJobs(subscriptionId: string) {
  return db()
    .select({ kind: fulfilments.kind, subjectId: fulfilments.subjectId })
    .from(fulfilments)
    .where(and(like(fulfilments.subjectId, `${subscriptionId}%`), like(fulfilments.kind, 'trial_%')));
}

describe('free trials', () => {
  it('a trial start is stored with its end, mailed once, reminded once 3 days before its end, and over after the first charge', async () => {
    const buyer = await createUser();
    const { order, plan } = await createOpenOrder(buyer.id, 'team-monthly');
    const createdAt = new Date(Date.now() + 400 * DAY); // its own stretch of time: other tests' trials never fall in these windows
    const trialEnd = new Date(createdAt.getTime() + 14 * DAY);
    const subscriptionId = dodoId('sub');
    const started = subscriptionPayload({ subscriptionId, status: 'active', productId: plan.dodoProductId!, orderId: order.id, email: buyer.email, createdAt, trialPeriodDays: 14, nextBillingDate: trialEnd });
    for (let i = 0; i < 2; i++) {
      const res = await deliverWebhook(signedWebhook('subscription.active', started, { id: `msg_${subscriptionId}`, eventAt: createdAt }));
      expect([res.status, await res.text()]).toEqual([200, expect.anything()]);
    }

    const [stored] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(stored.trialEndsAt?.toISOString()).toBe(trialEnd.toISOString());
    expect(isInTrial(stored)).toBe(true);
    expect(await trialJobs(subscriptionId)).toEqual([{ kind: 'trial_started_email', subjectId: subscriptionId }]);

    // Day 10: not yet. Day 11 and later: one reminder, however often the sweep runs.
    await queueTrialReminders(new Date(createdAt.getTime() + 10 * DAY));
    expect(await trialJobs(subscriptionId)).toHaveLength(1);
    await queueTrialReminders(new Date(createdAt.getTime() + 11 * DAY + 60_000));
    await queueTrialReminders(new Date(createdAt.getTime() + 12 * DAY));
    const reminder = { kind: 'trial_ending_email', subjectId: `${subscriptionId}:${trialEnd.toISOString().slice(0, 10)}` };
    expect(await trialJobs(subscriptionId)).toEqual(expect.arrayContaining([reminder]));
    expect(await trialJobs(subscriptionId)).toHaveLength(2);

    // The first charge moves the next billing date past the trial: no longer a trial, no more reminders.
    const renewed = { ...started, next_billing_date: new Date(trialEnd.getTime() + 30 * DAY).toISOString() };
    await deliverWebhook(signedWebhook('subscription.renewed', renewed, { eventAt: trialEnd }));
    const [after] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(isInTrial(after)).toBe(false);
    await queueTrialReminders(new Date(createdAt.getTime() + 13 * DAY));
    expect(await trialJobs(subscriptionId)).toHaveLength(2);
  });

  it('a subscription without a trial has no trial end and no trial email', async () => {
    const buyer = await createUser();
    const { order, plan } = await createOpenOrder(buyer.id, 'pro-monthly');
    const subscriptionId = dodoId('sub');
    await deliverWebhook(signedWebhook('subscription.active', subscriptionPayload({ subscriptionId, status: 'active', productId: plan.dodoProductId!, orderId: order.id, email: buyer.email })));
    const [stored] = await db().select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(stored.trialEndsAt).toBeNull();
    expect(isInTrial(stored)).toBe(false);
    expect(await trialJobs(subscriptionId)).toEqual([]);
  });
});
