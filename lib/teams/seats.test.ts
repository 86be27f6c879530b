// Seats bought through Dodo's seat add-on, against real PostgreSQL and the sandbox: the change is made at
// Dodo, and the workspace's paid seats follow only the webhook, once, whatever the order of delivery.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addons, mailMessages, webhookEvents } from '@/db/schema';
import { changePlan, previewPlanChange } from '@/lib/billing/subscription-management';
import { getDodo } from '@/lib/dodo/client';
import { sendTrialEndingEmail } from '@/lib/jobs/tasks/trial-email';
import { buildTimeline, loadThread } from '@/lib/ops/timeline';
import { closeDb, createUser, db, deliverWebhook, signedWebhook } from '@/test/fixtures';
import { buy, eventsFor, relay, setSandboxFaults, type SandboxEvent } from '@/test/sandbox';
import { acceptInvitation, inviteMember } from './invitations';
import { changeSeats, previewSeatChange } from './seats';
import { listWorkspaces, paidSeats } from './workspaces';

afterAll(closeDb);

/** An owner whose Team checkout was paid at the sandbox and whose webhooks all landed. */
async function teamBought() {
  const owner = await createUser();
  const { order } = await buy(owner, 'team-monthly');
  for (const event of await eventsFor([order.id])) expect((await relay(event)).status).toBe(200);
  const team = (await listWorkspaces(owner.id, db())).find((w) => w.kind === 'team')!;
  return { owner, order, team, subscriptionId: team.subscriptionId! };
}

async function seatsOf(team: { kind: 'team' | 'personal'; subscriptionId: string | null }) {
  return (await paidSeats(db(), team)).paid;
}

/** Previews, then confirms that amount; the webhook is not delivered (the test relays it). */
async function changeTo(actorId: string, workspaceId: string, seats: number) {
  const quote = await previewSeatChange({ actorId, workspaceId, seats }, db());
  const result = await changeSeats({ actorId, workspaceId, seats, confirmedChargeCents: quote.chargeNowCents, waitMs: 0 }, db());
  expect(result).toMatchObject({ ok: true, applied: false });
  return quote;
}

/** The newest plan change Dodo recorded for this order. */
async function lastPlanChange(orderId: string, seen: string[] = []): Promise<SandboxEvent> {
  const events = (await eventsFor([orderId])).filter((e) => e.type === 'subscription.plan_changed' && !seen.includes(e.webhook_id));
  return events[events.length - 1];
}

async function fillSeats(ownerId: string, workspaceId: string, count: number) {
  for (let i = 0; i < count; i++) {
    const user = await createUser();
    await inviteMember({ actorId: ownerId, workspaceId, email: user.email, role: 'member' }, db());
  }
}

describe('seats through the seat add-on', () => {
  it('a bought seat counts only once its webhook lands, once under duplicates, and an older event does not undo it', async () => {
    const { owner, order, team, subscriptionId } = await teamBought();
    expect(await seatsOf(team)).toBe(10);

    const quote = await changeTo(owner.id, team.id, 11);
    expect(quote.chargeNowCents).toBeGreaterThan(0);
    const atDodo = await getDodo().subscriptions.retrieve(subscriptionId);
    expect(atDodo.addons).toEqual([{ addon_id: expect.stringMatching(/^adn_/), quantity: 1 }]);
    // Dodo has it; the workspace does not until the webhook says so.
    expect(await seatsOf(team)).toBe(10);

    const changed = await lastPlanChange(order.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => relay(changed)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await seatsOf(team)).toBe(11);
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.webhookId, changed.webhook_id))).toHaveLength(1);
    const timeline = buildTimeline((await loadThread(subscriptionId))!);
    expect(timeline.find((e) => e.kind === 'state' && e.detail?.startsWith(`From webhook ${changed.webhook_id}`))?.detail).toMatch(/; add-ons 1 × adn_/);

    // The purchase's first event, replayed late under a new id, is older than the change: it changes nothing.
    const [first] = (await eventsFor([order.id])).filter((e) => e.type.startsWith('subscription.'));
    const replay = signedWebhook(first.type, first.payload.data, { eventAt: new Date(first.payload.timestamp) });
    expect((await deliverWebhook(replay)).status).toBe(200);
    expect(await seatsOf(team)).toBe(11);

    // Team starts with a trial: its reminder states the price that follows it, the bought seat included.
    const reminder = { id: 'ful_test', kind: 'trial_ending_email', subjectId: `${subscriptionId}:reminder`, payload: {}, attempts: 0 };
    expect(await sendTrialEndingEmail({ fulfilment: reminder, db: db(), config: { appUrl: 'http://app.test', crmWebhookUrl: null } })).toContain('sent');
    const mail = (await db().select().from(mailMessages).where(eq(mailMessages.to, owner.email))).find((m) => m.subject.includes('trial ends soon'));
    expect(mail?.text).toContain('then $54 per month for Team (monthly)');
  });

  it('two seat changes whose webhooks arrive in reverse order end at the newer count', async () => {
    const { owner, order, team } = await teamBought();
    await changeTo(owner.id, team.id, 12);
    const toTwelve = await lastPlanChange(order.id);
    await changeTo(owner.id, team.id, 11);
    const toEleven = await lastPlanChange(order.id, [toTwelve.webhook_id]);
    await relay(toEleven);
    await relay(toTwelve);
    expect(await seatsOf(team)).toBe(11);
  });

  it('refuses fewer seats than members and open invitations, fewer than included, and anyone but an owner or admin', async () => {
    const { owner, order, team } = await teamBought();
    await changeTo(owner.id, team.id, 12);
    await relay(await lastPlanChange(order.id));
    const member = await createUser();
    const sent = await inviteMember({ actorId: owner.id, workspaceId: team.id, email: member.email, role: 'member' }, db());
    await acceptInvitation({ user: member, token: sent.token }, db());
    await fillSeats(owner.id, team.id, 10); // owner + member + 10 invitations = 12
    await expect(inviteMember({ actorId: owner.id, workspaceId: team.id, email: 'one-more@example.com', role: 'member' }, db())).rejects.toThrow(
      'All 12 seats are taken',
    );
    await expect(previewSeatChange({ actorId: owner.id, workspaceId: team.id, seats: 11 }, db())).rejects.toThrow(
      '12 seats are in use (members and open invitations). Remove members or revoke invitations before going down to 11 seats.',
    );
    await expect(previewSeatChange({ actorId: owner.id, workspaceId: team.id, seats: 9 }, db())).rejects.toThrow('includes 10 seats');
    await expect(previewSeatChange({ actorId: member.id, workspaceId: team.id, seats: 13 }, db())).rejects.toThrow('Only owners and admins');
    const stranger = await createUser();
    await expect(previewSeatChange({ actorId: stranger.id, workspaceId: team.id, seats: 13 }, db())).rejects.toThrow('Workspace not found.');
    // Refused means unchanged at Dodo as well.
    expect((await getDodo().subscriptions.retrieve(team.subscriptionId!)).addons).toEqual([{ addon_id: expect.any(String), quantity: 2 }]);
  });

  it('a change from monthly to yearly Team keeps the bought seats, on the yearly seat add-on', async () => {
    const { owner, order, team, subscriptionId } = await teamBought();
    await changeTo(owner.id, team.id, 12);
    await relay(await lastPlanChange(order.id));
    const preview = await previewPlanChange(owner.id, subscriptionId, 'team-yearly');
    if (!preview.ok) throw new Error(preview.error);
    expect(await changePlan(owner.id, subscriptionId, 'team-yearly', preview.chargeNowCents)).toMatchObject({ ok: true });
    const [yearlySeat] = await db().select().from(addons).where(eq(addons.id, 'seat-yearly'));
    expect((await getDodo().subscriptions.retrieve(subscriptionId)).addons).toEqual([{ addon_id: yearlySeat.dodoAddonId, quantity: 2 }]);
    await relay(await lastPlanChange(order.id));
    expect(await seatsOf(team)).toBe(12);
  });

  it('a declined card adds no seat, at Dodo or here, and says why', async () => {
    const { owner, team, subscriptionId } = await teamBought();
    const quote = await previewSeatChange({ actorId: owner.id, workspaceId: team.id, seats: 11 }, db());
    await setSandboxFaults({ fail_subscription_charges: [subscriptionId] });
    try {
      await expect(changeSeats({ actorId: owner.id, workspaceId: team.id, seats: 11, confirmedChargeCents: quote.chargeNowCents, waitMs: 0 }, db())).rejects.toThrow(
        /^Dodo answered 422 .*the plan was not changed/,
      );
    } finally {
      await setSandboxFaults({ fail_subscription_charges: [] });
    }
    expect((await getDodo().subscriptions.retrieve(subscriptionId)).addons).toEqual([]);
    expect(await seatsOf(team)).toBe(10);
  });

  it('a confirm whose amount moved since the preview changes nothing and answers the new figure', async () => {
    const { owner, team, subscriptionId } = await teamBought();
    const result = await changeSeats({ actorId: owner.id, workspaceId: team.id, seats: 11, confirmedChargeCents: 1, waitMs: 0 }, db());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.quote.seats).toBe(11);
    expect((await getDodo().subscriptions.retrieve(subscriptionId)).addons).toEqual([]);
  });
});
