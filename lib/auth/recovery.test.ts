// Getting back into an account by email: password reset, sign-in links, and sign-up that does not tell
// which addresses have an account. Against a real PostgreSQL, through the real mail job.
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { fulfilments, mailMessages, rateLimits, users, userSessions, verificationTokens } from '@/db/schema';
import { sendAccountEmail } from '@/lib/jobs/tasks/account-email';
import { closeDb, createUser, db } from '@/test/fixtures';
import { mailToAddress } from './email-links';
import { signInWithMagicLinkToken } from './magic-link';
import { verifyPassword } from './password';
import { resetPasswordWithToken } from './password-reset';
import { openSession } from './sessions';
import { authenticateWithPassword, createPasswordUser } from './users';

afterAll(closeDb);

const APP_URL = 'http://app.test';
const uniqueEmail = (prefix: string) => `${prefix}-${crypto.randomUUID()}@example.test`;
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];

/** Runs every queued account email to `email` through the real job, and answers each job's note. */
async function runAccountEmails(email: string): Promise<string[]> {
  const jobs = await db()
    .select()
    .from(fulfilments)
    .where(and(eq(fulfilments.kind, 'account_email'), sql`${fulfilments.payload}->>'email' = ${email}`, isNull(fulfilments.result)));
  const notes = [];
  for (const job of jobs) {
    const note = await sendAccountEmail({ fulfilment: job, db: db(), config: { appUrl: APP_URL, crmWebhookUrl: null } });
    await db().update(fulfilments).set({ result: note }).where(eq(fulfilments.id, job.id));
    notes.push(note);
  }
  return notes;
}

const mailsTo = (email: string) => db().select().from(mailMessages).where(eq(mailMessages.to, email)).orderBy(mailMessages.createdAt);

/** The token of the newest link to `path` mailed to `email`. */
async function mailedToken(email: string, path: string): Promise<string> {
  const texts = (await mailsTo(email)).map((m) => m.text).reverse();
  const link = texts.map((t) => t.match(new RegExp(`${APP_URL}${path}\\?token=([A-Za-z0-9_-]+)`))?.[1]).find(Boolean);
  if (!link) throw new Error(`no ${path} link mailed to ${email}`);
  return link;
}

async function passwordUser(password = 'old-password-1') {
  const email = uniqueEmail('reset');
  const result = await createPasswordUser({ name: 'Reset Me', email, password });
  if (!result.ok || !result.user) throw new Error('sign-up failed');
  return result.user;
}

describe('password reset', () => {
  it('mails a single-use link (only its hash stored) that sets the password, ends every session and verifies the address', async () => {
    const user = await passwordUser();
    const [a, b] = [await openSession(user.id), await openSession(user.id)];
    expect(await mailToAddress('reset-password', user.email, '192.0.2.1')).toEqual({ ok: true });
    expect(await runAccountEmails(user.email)).toEqual([`reset-password email sent to ${user.email}`]);
    const token = await mailedToken(user.email, '/reset-password');
    const stored = await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, `reset-password:${user.id}:${user.email}`));
    expect(stored).toHaveLength(1);
    expect(stored[0].token).not.toBe(token);
    expect(stored[0].expires.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(stored[0].expires.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    expect(await resetPasswordWithToken(token, 'new-password-2')).toMatchObject({ id: user.id });
    const row = await userRow(user.id);
    expect(await verifyPassword('new-password-2', row.passwordHash!)).toBe(true);
    expect(row.emailVerified).not.toBeNull();
    const sessions = await db().select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(sessions.filter((s) => [a, b].includes(s.id)).every((s) => s.revokedAt !== null)).toBe(true);

    expect(await resetPasswordWithToken(token, 'third-password-3')).toBeNull();
    expect(await verifyPassword('new-password-2', (await userRow(user.id)).passwordHash!)).toBe(true);
  });

  it('a used link voids the other reset links, and an expired link does nothing', async () => {
    const user = await passwordUser();
    await mailToAddress('reset-password', user.email, '192.0.2.2');
    await mailToAddress('reset-password', user.email, '192.0.2.2');
    await runAccountEmails(user.email);
    const texts = (await mailsTo(user.email)).map((m) => m.text.match(/token=([A-Za-z0-9_-]+)/)![1]);
    expect(texts).toHaveLength(2);
    expect(await resetPasswordWithToken(texts[0], 'new-password-2')).not.toBeNull();
    expect(await resetPasswordWithToken(texts[1], 'new-password-3')).toBeNull();

    await db().update(verificationTokens).set({ expires: sql`now() - interval '1 second'` }).where(eq(verificationTokens.identifier, `reset-password:${user.id}:${user.email}`));
    await mailToAddress('reset-password', user.email, '192.0.2.2');
    await runAccountEmails(user.email);
    const fresh = await mailedToken(user.email, '/reset-password');
    await db().update(verificationTokens).set({ expires: sql`now() - interval '1 second'` }).where(eq(verificationTokens.identifier, `reset-password:${user.id}:${user.email}`));
    expect(await resetPasswordWithToken(fresh, 'new-password-4')).toBeNull();
    expect(await verifyPassword('new-password-2', (await userRow(user.id)).passwordHash!)).toBe(true);
  });

  it('voids sign-in links sent before the reset', async () => {
    const user = await passwordUser();
    await mailToAddress('magic-link', user.email, '192.0.2.8');
    await mailToAddress('reset-password', user.email, '192.0.2.8');
    await runAccountEmails(user.email);
    const signInLink = await mailedToken(user.email, '/sign-in/link');
    expect(await resetPasswordWithToken(await mailedToken(user.email, '/reset-password'), 'new-password-2')).not.toBeNull();
    expect(await signInWithMagicLinkToken(signInLink)).toBeNull();
  });

  it('answers the same for an address without an account, and mails nothing to it', async () => {
    const nobody = uniqueEmail('nobody');
    expect(await mailToAddress('reset-password', nobody, '192.0.2.3')).toEqual({ ok: true });
    expect(await runAccountEmails(nobody)).toEqual(['not sent: no account for this address']);
    expect(await mailsTo(nobody)).toHaveLength(0);
  });

  it('is throttled per address (5 an hour) and per network (20 an hour), for real and unknown addresses alike', async () => {
    const user = await passwordUser();
    const perAddress = await Promise.all(Array.from({ length: 6 }, (_, i) => mailToAddress('reset-password', user.email, `198.51.100.${i}`)));
    expect(perAddress.filter((r) => r.ok)).toHaveLength(5);
    expect(await db().select().from(fulfilments).where(sql`${fulfilments.payload}->>'email' = ${user.email}`)).toHaveLength(5);

    const network = `203.0.113.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const perNetwork = await Promise.all(Array.from({ length: 21 }, () => mailToAddress('reset-password', uniqueEmail('spray'), network)));
    expect(perNetwork.filter((r) => r.ok)).toHaveLength(20);
    const refused = perNetwork.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('lifts the sign-in lockout of the account it resets', async () => {
    const user = await passwordUser();
    await Promise.all(Array.from({ length: 10 }, (_, i) => authenticateWithPassword({ email: user.email, password: `wrong-${i}` }, `192.0.2.${50 + i}`)));
    await expect(authenticateWithPassword({ email: user.email, password: 'old-password-1' }, '192.0.2.99')).rejects.toThrow();
    await mailToAddress('reset-password', user.email, '192.0.2.4');
    await runAccountEmails(user.email);
    await resetPasswordWithToken(await mailedToken(user.email, '/reset-password'), 'new-password-2');
    expect(await db().select().from(rateLimits).where(eq(rateLimits.key, `signInPerAccount:${user.email}`))).toHaveLength(0);
    expect(await authenticateWithPassword({ email: user.email, password: 'new-password-2' }, '192.0.2.99')).toMatchObject({ id: user.id });
  });
});

describe('sign-in links', () => {
  it('sign in once, within 15 minutes, and verify the address', async () => {
    const user = await createUser({ email: uniqueEmail('magic'), verified: false });
    expect(await mailToAddress('magic-link', user.email, '192.0.2.5')).toEqual({ ok: true });
    await runAccountEmails(user.email);
    const token = await mailedToken(user.email, '/sign-in/link');
    const [stored] = await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, `magic-link:${user.id}:${user.email}`));
    expect(stored.expires.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    expect(await signInWithMagicLinkToken(token)).toEqual({ id: user.id, email: user.email, name: user.name });
    expect((await userRow(user.id)).emailVerified).not.toBeNull();
    expect(await signInWithMagicLinkToken(token)).toBeNull();
  });

  it('to an address never verified: the password someone set at sign-up is dropped and their sessions end', async () => {
    const squatted = await passwordUser('squatters-password');
    const squatterSession = await openSession(squatted.id);
    await mailToAddress('magic-link', squatted.email, '192.0.2.9');
    await runAccountEmails(squatted.email);
    expect(await signInWithMagicLinkToken(await mailedToken(squatted.email, '/sign-in/link'))).toMatchObject({ id: squatted.id });
    const row = await userRow(squatted.id);
    expect(row.passwordHash).toBeNull();
    const [session] = await db().select().from(userSessions).where(eq(userSessions.id, squatterSession));
    expect(session.revokedAt).not.toBeNull();
    expect(await authenticateWithPassword({ email: squatted.email, password: 'squatters-password' }, '192.0.2.9')).toBeNull();
  });

  it('a link is not a reset link nor a verification link, and an expired one signs nobody in', async () => {
    const user = await createUser({ email: uniqueEmail('magic') });
    await mailToAddress('magic-link', user.email, '192.0.2.6');
    await runAccountEmails(user.email);
    const token = await mailedToken(user.email, '/sign-in/link');
    expect(await resetPasswordWithToken(token, 'sneaky-password')).toBeNull();
    await db().update(verificationTokens).set({ expires: sql`now() - interval '1 second'` }).where(eq(verificationTokens.identifier, `magic-link:${user.id}:${user.email}`));
    expect(await signInWithMagicLinkToken(token)).toBeNull();
  });
});

describe('sign-up does not reveal which emails have an account', () => {
  it('a taken address: same result shape, nothing changed, and its owner gets a note instead of a link', async () => {
    const owner = await passwordUser('owner-password');
    const again = await createPasswordUser({ name: 'Intruder', email: owner.email.toUpperCase(), password: 'intruder-password' });
    expect(again).toEqual({ ok: true, email: owner.email, user: null });
    expect(await verifyPassword('owner-password', (await userRow(owner.id)).passwordHash!)).toBe(true);

    await mailToAddress('account-exists', owner.email, '192.0.2.7');
    expect(await runAccountEmails(owner.email)).toEqual([`account-exists email sent to ${owner.email}`]);
    const [note] = await mailsTo(owner.email);
    expect(note.subject).toBe('You already have an account');
    expect(note.text).toContain(`${APP_URL}/forgot-password`);
    expect(note.text).not.toMatch(/token=/);
  });
});
