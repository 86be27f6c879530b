import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { verifyPassword } from './password';
import { authenticateWithPassword, createPasswordUser } from './users';

const uniqueEmail = () => `signup-${crypto.randomUUID()}@example.test`;

async function userRows(email: string) {
  return getDb().select().from(users).where(eq(users.email, email));
}

describe('signing up with a password', () => {
  it('creates one user with a scrypt hash of the password', async () => {
    const email = uniqueEmail();
    const result = await createPasswordUser({ name: ' Ada Lovelace ', email, password: 'analytical-engine' });

    expect(result.ok).toBe(true);
    const rows = await userRows(email);
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Ada Lovelace');
    expect(rows[0].passwordHash).not.toBe('analytical-engine');
    expect(await verifyPassword('analytical-engine', rows[0].passwordHash!)).toBe(true);
    expect(result).toEqual({ ok: true, email, user: { id: rows[0].id, email, name: 'Ada Lovelace' } });
  });

  it('stores the email trimmed and in lower case', async () => {
    const email = uniqueEmail();
    await createPasswordUser({ name: 'Grace', email: `  ${email.toUpperCase()} `, password: 'compiler-1952' });
    expect(await userRows(email)).toHaveLength(1);
  });

  it('creates no second account for the same email, whatever its case, and keeps the first unchanged', async () => {
    const email = uniqueEmail();
    await createPasswordUser({ name: 'First', email, password: 'first-password' });

    const second = await createPasswordUser({ name: 'Second', email: email.toUpperCase(), password: 'second-password' });

    expect(second).toEqual({ ok: true, email, user: null });
    const rows = await userRows(email);
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('First');
    expect(await verifyPassword('first-password', rows[0].passwordHash!)).toBe(true);
  });

  it('rejects a password shorter than 8 characters and creates nothing', async () => {
    const email = uniqueEmail();
    const result = await createPasswordUser({ name: 'Shorty', email, password: '1234567' });

    expect(result).toEqual({ ok: false, field: 'password', error: expect.stringMatching(/at least 8 characters/) });
    expect(await userRows(email)).toHaveLength(0);
  });

  it('rejects a malformed email and a missing name', async () => {
    expect(await createPasswordUser({ name: 'No At', email: 'not-an-email', password: 'long-enough' })).toMatchObject({ ok: false, field: 'email' });
    expect(await createPasswordUser({ name: '   ', email: uniqueEmail(), password: 'long-enough' })).toMatchObject({ ok: false, field: 'name' });
  });
});

describe('checking an email and password', () => {
  it('returns the user for the right password, whatever the email case', async () => {
    const email = uniqueEmail();
    const created = await createPasswordUser({ name: 'Linus', email, password: 'kernel-hacker' });

    const user = await authenticateWithPassword({ email: email.toUpperCase(), password: 'kernel-hacker' });

    expect(created.ok && user).toEqual(created.ok && created.user);
  });

  it('returns null for a wrong password, an unknown email, or an account without a password', async () => {
    const email = uniqueEmail();
    await createPasswordUser({ name: 'Barbara', email, password: 'liskov-substitution' });
    const oauthOnly = uniqueEmail();
    await getDb().insert(users).values({ email: oauthOnly, name: 'OAuth only' });

    expect(await authenticateWithPassword({ email, password: 'liskov-substitutioN' })).toBeNull();
    expect(await authenticateWithPassword({ email: uniqueEmail(), password: 'liskov-substitution' })).toBeNull();
    expect(await authenticateWithPassword({ email: oauthOnly, password: 'anything-at-all' })).toBeNull();
    expect(await authenticateWithPassword({ email, password: '' })).toBeNull();
  });
});
