// Workspaces against a real PostgreSQL: invitations, roles, seats, and Team access shared through membership.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { POST } from '@/app/api/webhooks/dodo/route';
import { fulfilments, mailMessages, users, workspaceInvitations, workspaceMembers, workspaces } from '@/db/schema';
import { hasEntitlement } from '@/lib/billing/entitlements';
import { sendInvitationEmail } from '@/lib/jobs/tasks/invitation-email';
import { closeDb, createOpenOrder, createUser, db, dodoId, signedWebhook, subscriptionPayload, type SignedDelivery } from '@/test/fixtures';
import { acceptInvitation, describeInvitation, inviteMember, resendInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, leaveWorkspace, removeMember } from './members';
import { invitationEmailSubject } from './tokens';
import { listWorkspaces } from './workspaces';

afterAll(closeDb);

function deliver(d: SignedDelivery) {
  return POST(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: d.headers, body: d.body }));
}

/** A buyer whose Team subscription is active (through its signed webhook), and their team workspace. */
async function teamOwner() {
  const owner = await createUser();
  const { order } = await createOpenOrder(owner.id, 'team-monthly');
  const subscriptionId = dodoId('sub');
  const base = { subscriptionId, productId: order.dodoProductId, orderId: order.id, email: owner.email };
  const active = signedWebhook('subscription.active', subscriptionPayload({ ...base, status: 'active' }), { eventAt: new Date(Date.now() - 60_000) });
  expect((await deliver(active)).status).toBe(200);
  const team = (await listWorkspaces(owner.id, db())).find((w) => w.kind === 'team')!;
  return { owner, team, subscriptionId, base };
}

async function invited(owner: { id: string }, workspaceId: string, role: 'admin' | 'member' = 'member') {
  const user = await createUser();
  const sent = await inviteMember({ actorId: owner.id, workspaceId, email: user.email.toUpperCase(), role }, db());
  return { user, sent };
}

async function joined(owner: { id: string }, workspaceId: string, role: 'admin' | 'member' = 'member') {
  const { user, sent } = await invited(owner, workspaceId, role);
  await acceptInvitation({ user, token: sent.token }, db());
  return user;
}

async function membersOf(workspaceId: string) {
  return db().select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspaceId));
}

describe('workspaces', () => {
  it('every user has one personal workspace; a Team purchase adds a team workspace its buyer owns', async () => {
    const { owner, team, subscriptionId } = await teamOwner();
    const list = await listWorkspaces(owner.id, db());
    expect(list.map((w) => [w.kind, w.role])).toEqual([
      ['personal', 'owner'],
      ['team', 'owner'],
    ]);
    expect(team.subscriptionId).toBe(subscriptionId);
    await Promise.all([listWorkspaces(owner.id, db()), listWorkspaces(owner.id, db())]);
    expect(await db().select().from(workspaces).where(eq(workspaces.userId, owner.id))).toHaveLength(2);

    const solo = await createUser();
    expect((await listWorkspaces(solo.id, db())).map((w) => w.kind)).toEqual(['personal']);
  });
});

describe('invitations', () => {
  it('queues one email with a single-use link; the invited address accepts it once and gets Team access in that workspace', async () => {
    const { owner, team } = await teamOwner();
    const { user, sent } = await invited(owner, team.id);
    const [row] = await db().select().from(workspaceInvitations).where(eq(workspaceInvitations.id, sent.invitationId));
    expect(row.email).toBe(user.email.toLowerCase());
    expect(row.tokenHash).not.toContain(sent.token);

    const [job] = await db()
      .select()
      .from(fulfilments)
      .where(and(eq(fulfilments.kind, 'invitation_email'), eq(fulfilments.subjectId, invitationEmailSubject.build(sent.invitationId, 1))));
    const result = await sendInvitationEmail({ fulfilment: job, db: db(), config: { appUrl: 'http://app.test', crmWebhookUrl: null } });
    expect(result).toBe(`invitation sent to ${user.email.toLowerCase()}`);
    const [mail] = await db().select().from(mailMessages).where(eq(mailMessages.idempotencyKey, `invitation_email:${job.subjectId}`));
    expect(mail.text).toContain(`http://app.test/invite/${sent.token}`);

    expect(await hasEntitlement({ userId: user.id, workspaceId: team.id }, 'team', db())).toBe(false);
    const [accepted, again] = await Promise.allSettled([
      acceptInvitation({ user, token: sent.token }, db()),
      acceptInvitation({ user, token: sent.token }, db()),
    ]);
    expect([accepted.status, again.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect((await membersOf(team.id)).filter((m) => m.userId === user.id)).toMatchObject([{ role: 'member' }]);
    expect(await hasEntitlement({ userId: user.id, workspaceId: team.id }, 'team', db())).toBe(true);
    expect(await hasEntitlement({ userId: user.id, workspaceId: team.id }, 'pro', db())).toBe(true);
    const personal = (await listWorkspaces(user.id, db())).find((w) => w.kind === 'personal')!;
    expect(await hasEntitlement({ userId: user.id, workspaceId: personal.id }, 'team', db())).toBe(false);
    await expect(acceptInvitation({ user, token: sent.token }, db())).rejects.toThrow('already used');
  });

  it('refuses an expired, a revoked, a replaced link and the wrong address, and adds nobody', async () => {
    const { owner, team } = await teamOwner();
    const expired = await invited(owner, team.id);
    await db().update(workspaceInvitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(workspaceInvitations.id, expired.sent.invitationId));
    await expect(acceptInvitation({ user: expired.user, token: expired.sent.token }, db())).rejects.toThrow('expired');

    const revoked = await invited(owner, team.id);
    await revokeInvitation({ actorId: owner.id, invitationId: revoked.sent.invitationId }, db());
    await expect(acceptInvitation({ user: revoked.user, token: revoked.sent.token }, db())).rejects.toThrow('revoked');
    expect(await describeInvitation(revoked.sent.token, db())).toMatchObject({ ok: false });

    const resent = await invited(owner, team.id);
    const fresh = await resendInvitation({ actorId: owner.id, invitationId: resent.sent.invitationId }, db());
    await expect(acceptInvitation({ user: resent.user, token: resent.sent.token }, db())).rejects.toThrow('not valid');

    const stranger = await createUser();
    await expect(acceptInvitation({ user: stranger, token: fresh.token }, db())).rejects.toThrow(`This invitation is for ${resent.user.email.toLowerCase()}`);

    expect((await membersOf(team.id)).map((m) => m.userId)).toEqual([owner.id]);
    await acceptInvitation({ user: resent.user, token: fresh.token }, db());
    expect(await membersOf(team.id)).toHaveLength(2);
  });

  it('refuses an invitee whose email is not verified, and accepts once it is', async () => {
    const { owner, team } = await teamOwner();
    const user = await createUser({ verified: false });
    const sent = await inviteMember({ actorId: owner.id, workspaceId: team.id, email: user.email, role: 'member' }, db());
    await expect(acceptInvitation({ user, token: sent.token }, db())).rejects.toThrow('Confirm your email address first');
    expect((await membersOf(team.id)).map((m) => m.userId)).toEqual([owner.id]);

    await db().update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
    await acceptInvitation({ user, token: sent.token }, db());
    expect((await membersOf(team.id)).map((m) => m.userId)).toContain(user.id);
  });

  it('an expired invitation sent again works again', async () => {
    const { owner, team } = await teamOwner();
    const { user, sent } = await invited(owner, team.id);
    await db().update(workspaceInvitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(workspaceInvitations.id, sent.invitationId));
    const again = await inviteMember({ actorId: owner.id, workspaceId: team.id, email: user.email, role: 'admin' }, db());
    expect(again).toMatchObject({ invitationId: sent.invitationId, resent: true });
    await acceptInvitation({ user, token: again.token }, db());
    expect((await membersOf(team.id)).find((m) => m.userId === user.id)?.role).toBe('admin');
  });

  it('only owners and admins invite, only into a team workspace whose subscription is active', async () => {
    const { owner, team, base } = await teamOwner();
    const member = await joined(owner, team.id);
    await expect(inviteMember({ actorId: member.id, workspaceId: team.id, email: 'x@example.com', role: 'member' }, db())).rejects.toThrow('Only owners and admins');
    const admin = await joined(owner, team.id, 'admin');
    await inviteMember({ actorId: admin.id, workspaceId: team.id, email: 'y@example.com', role: 'member' }, db());
    await expect(inviteMember({ actorId: owner.id, workspaceId: team.id, email: member.email, role: 'member' }, db())).rejects.toThrow('already a member');

    const personal = (await listWorkspaces(owner.id, db())).find((w) => w.kind === 'personal')!;
    await expect(inviteMember({ actorId: owner.id, workspaceId: personal.id, email: 'z@example.com', role: 'member' }, db())).rejects.toThrow('personal workspace');

    const outsider = await createUser();
    await expect(inviteMember({ actorId: outsider.id, workspaceId: team.id, email: 'w@example.com', role: 'member' }, db())).rejects.toThrow('Workspace not found');

    await deliver(signedWebhook('subscription.cancelled', subscriptionPayload({ ...base, status: 'cancelled' })));
    await expect(inviteMember({ actorId: owner.id, workspaceId: team.id, email: 'v@example.com', role: 'member' }, db())).rejects.toThrow('not active');
  });

  it('members and open invitations share the plan’s 10 seats; the 11th is refused', async () => {
    const { owner, team } = await teamOwner();
    for (let i = 0; i < 9; i++) await inviteMember({ actorId: owner.id, workspaceId: team.id, email: `seat-${i}-${team.id}@example.com`, role: 'member' }, db());
    await expect(inviteMember({ actorId: owner.id, workspaceId: team.id, email: `one-too-many-${team.id}@example.com`, role: 'member' }, db())).rejects.toThrow(
      'All 10 seats are taken',
    );
    const [open] = await db().select().from(workspaceInvitations).where(eq(workspaceInvitations.workspaceId, team.id)).limit(1);
    await revokeInvitation({ actorId: owner.id, invitationId: open.id }, db());
    await inviteMember({ actorId: owner.id, workspaceId: team.id, email: `now-fits-${team.id}@example.com`, role: 'member' }, db());
  });
});

describe('roles', () => {
  it('the last owner can neither leave nor be demoted; with a second owner both work', async () => {
    const { owner, team } = await teamOwner();
    const admin = await joined(owner, team.id, 'admin');
    await expect(leaveWorkspace({ userId: owner.id, workspaceId: team.id }, db())).rejects.toThrow('needs an owner');
    await expect(changeMemberRole({ actorId: owner.id, workspaceId: team.id, userId: owner.id, role: 'member' }, db())).rejects.toThrow('needs an owner');
    await expect(changeMemberRole({ actorId: admin.id, workspaceId: team.id, userId: owner.id, role: 'member' }, db())).rejects.toThrow('cannot');
    await expect(changeMemberRole({ actorId: admin.id, workspaceId: team.id, userId: admin.id, role: 'owner' }, db())).rejects.toThrow('cannot');

    await changeMemberRole({ actorId: owner.id, workspaceId: team.id, userId: admin.id, role: 'owner' }, db());
    await leaveWorkspace({ userId: owner.id, workspaceId: team.id }, db());
    expect((await membersOf(team.id)).map((m) => [m.userId, m.role])).toEqual([[admin.id, 'owner']]);
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const { owner, team } = await teamOwner();
    const second = await joined(owner, team.id, 'admin');
    await changeMemberRole({ actorId: owner.id, workspaceId: team.id, userId: second.id, role: 'owner' }, db());
    const results = await Promise.allSettled([
      changeMemberRole({ actorId: owner.id, workspaceId: team.id, userId: second.id, role: 'member' }, db()),
      changeMemberRole({ actorId: second.id, workspaceId: team.id, userId: owner.id, role: 'member' }, db()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await membersOf(team.id)).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('admins remove members but not owners; members only leave', async () => {
    const { owner, team } = await teamOwner();
    const admin = await joined(owner, team.id, 'admin');
    const member = await joined(owner, team.id);
    await expect(removeMember({ actorId: member.id, workspaceId: team.id, userId: admin.id }, db())).rejects.toThrow('cannot remove');
    await expect(removeMember({ actorId: admin.id, workspaceId: team.id, userId: owner.id }, db())).rejects.toThrow('cannot remove');
    await removeMember({ actorId: admin.id, workspaceId: team.id, userId: member.id }, db());
    await leaveWorkspace({ userId: admin.id, workspaceId: team.id }, db());
    expect((await membersOf(team.id)).map((m) => m.userId)).toEqual([owner.id]);
  });
});

describe('Team access through the workspace', () => {
  it('a removed member loses it at once; the others keep it', async () => {
    const { owner, team } = await teamOwner();
    const [stays, goes] = [await joined(owner, team.id), await joined(owner, team.id)];
    await removeMember({ actorId: owner.id, workspaceId: team.id, userId: goes.id }, db());
    expect(await hasEntitlement({ userId: goes.id, workspaceId: team.id }, 'team', db())).toBe(false);
    expect(await hasEntitlement(goes.id, 'pro', db())).toBe(false);
    expect(await hasEntitlement({ userId: stays.id, workspaceId: team.id }, 'team', db())).toBe(true);
    expect(await hasEntitlement(stays.id, 'team', db())).toBe(true);
  });

  it('the subscription ending revokes it for every member, also when the events arrive out of order', async () => {
    const { owner, team, base } = await teamOwner();
    const member = await joined(owner, team.id);
    const renewedLate = signedWebhook('subscription.renewed', subscriptionPayload({ ...base, status: 'active' }), { eventAt: new Date(Date.now() - 30_000) });
    const cancelled = signedWebhook('subscription.cancelled', subscriptionPayload({ ...base, status: 'cancelled' }), { eventAt: new Date() });
    expect((await deliver(cancelled)).status).toBe(200);
    expect((await deliver(renewedLate)).status).toBe(200);
    for (const user of [owner, member]) {
      expect(await hasEntitlement({ userId: user.id, workspaceId: team.id }, 'team', db())).toBe(false);
      expect(await hasEntitlement(user.id, 'pro', db())).toBe(false);
    }
    const reactivated = signedWebhook('subscription.active', subscriptionPayload({ ...base, status: 'active' }), { eventAt: new Date(Date.now() + 1000) });
    expect((await deliver(reactivated)).status).toBe(200);
    expect(await hasEntitlement({ userId: member.id, workspaceId: team.id }, 'team', db())).toBe(true);
  });

  it('Pro bought alone counts for its buyer in any workspace, and for nobody else', async () => {
    const buyer = await createUser();
    const { order } = await createOpenOrder(buyer.id, 'pro-monthly');
    const base = { subscriptionId: dodoId('sub'), productId: order.dodoProductId, orderId: order.id, email: buyer.email };
    await deliver(signedWebhook('subscription.active', subscriptionPayload({ ...base, status: 'active' })));
    const [personal] = await listWorkspaces(buyer.id, db());
    expect(personal.kind).toBe('personal');
    expect(await hasEntitlement({ userId: buyer.id, workspaceId: personal.id }, 'pro', db())).toBe(true);
    expect(await hasEntitlement({ userId: buyer.id, workspaceId: personal.id }, 'team', db())).toBe(false);
    const { owner, team } = await teamOwner();
    await inviteMember({ actorId: owner.id, workspaceId: team.id, email: buyer.email, role: 'member' }, db());
    expect(await hasEntitlement({ userId: buyer.id, workspaceId: team.id }, 'pro', db())).toBe(true);
  });

  it('a buyer who handed over ownership and left keeps no Team access', async () => {
    const { owner, team } = await teamOwner();
    const heir = await joined(owner, team.id, 'admin');
    await changeMemberRole({ actorId: owner.id, workspaceId: team.id, userId: heir.id, role: 'owner' }, db());
    await leaveWorkspace({ userId: owner.id, workspaceId: team.id }, db());
    expect(await hasEntitlement(owner.id, 'team', db())).toBe(false);
    expect((await listWorkspaces(owner.id, db())).map((w) => w.kind)).toEqual(['personal']);
    expect(await hasEntitlement({ userId: heir.id, workspaceId: team.id }, 'team', db())).toBe(true);
  });
});
