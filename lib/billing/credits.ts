// Spending prepaid credits: atomic, idempotent per key, and never below zero under concurrent use.
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { creditBalances, creditLedger } from '@/db/schema';

export type SpendResult = { ok: true; balance: number; duplicate: boolean } | { ok: false; reason: 'insufficient'; balance: number };

class InsufficientCredits extends Error {}

export async function spendCredits(input: { userId: string; amount: number; key: string }, db: Database = getDb()): Promise<SpendResult> {
  const { userId, amount, key } = input;
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('amount must be a positive whole number of credits');
  try {
    return await db.transaction(async (tx) => {
      const entry = await tx
        .insert(creditLedger)
        .values({ id: `use:${userId}:${key}`, userId, delta: -amount, reason: 'credits used' })
        .onConflictDoNothing()
        .returning({ id: creditLedger.id });
      if (entry.length === 0) {
        const [row] = await tx.select({ balance: creditBalances.balance }).from(creditBalances).where(eq(creditBalances.userId, userId));
        return { ok: true as const, balance: row?.balance ?? 0, duplicate: true };
      }
      // The row lock this update takes serialises concurrent spends; the guard keeps the balance ≥ 0.
      const [row] = await tx
        .update(creditBalances)
        .set({ balance: sql`${creditBalances.balance} - ${amount}`, updatedAt: sql`now()` })
        .where(sql`${creditBalances.userId} = ${userId} and ${creditBalances.balance} >= ${amount}`)
        .returning({ balance: creditBalances.balance });
      if (!row) throw new InsufficientCredits();
      return { ok: true as const, balance: row.balance, duplicate: false };
    });
  } catch (err) {
    if (!(err instanceof InsufficientCredits)) throw err;
    const [row] = await db.select({ balance: creditBalances.balance }).from(creditBalances).where(eq(creditBalances.userId, userId));
    return { ok: false, reason: 'insufficient', balance: row?.balance ?? 0 };
  }
}
