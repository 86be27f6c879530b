import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditBalances } from '@/db/schema';
import { spendCredits } from './credits';
import { closeDb, createUser, db } from '@/test/fixtures';

afterAll(closeDb);

async function userWithCredits(balance: number) {
  const user = await createUser();
  await db().insert(creditBalances).values({ userId: user.id, balance });
  return user;
}

describe('spending credits', () => {
  it('fifty concurrent spends of 1 against a balance of 10: ten succeed and the balance ends at zero', async () => {
    const user = await userWithCredits(10);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => spendCredits({ userId: user.id, amount: 1, key: `call-${i}` }, db())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok)).toHaveLength(40);
    const [row] = await db().select().from(creditBalances).where(eq(creditBalances.userId, user.id));
    expect(row.balance).toBe(0);
  });

  it('a retried spend with the same key counts once', async () => {
    const user = await userWithCredits(100);
    const first = await spendCredits({ userId: user.id, amount: 30, key: 'req-1' }, db());
    const again = await spendCredits({ userId: user.id, amount: 30, key: 'req-1' }, db());
    expect(first).toEqual({ ok: true, balance: 70, duplicate: false });
    expect(again).toEqual({ ok: true, balance: 70, duplicate: true });
  });

  it('refuses more than the balance and changes nothing', async () => {
    const user = await userWithCredits(5);
    expect(await spendCredits({ userId: user.id, amount: 6, key: 'big' }, db())).toEqual({ ok: false, reason: 'insufficient', balance: 5 });
    // The refused key was rolled back: the same key may be used once credits are there.
    await db().update(creditBalances).set({ balance: 6 }).where(eq(creditBalances.userId, user.id));
    expect((await spendCredits({ userId: user.id, amount: 6, key: 'big' }, db())).ok).toBe(true);
  });
});
