// Prepaid credits: the ledger's keys, granting and clawing back a purchase's credits as its payment
// changes, and spending them. Every balance change has a ledger row whose key makes it happen once.
import { eq, inArray, like, or, sql } from 'drizzle-orm';
import { getDb, type Database, type Executor, type Tx } from '@/db';
import { creditBalances, creditLedger, type CreditLedgerKey } from '@/db/schema';

/** The ledger's keys (the shapes are the `CreditLedgerKey` type beside the table). */
export const ledgerKey = {
  /** The credits a purchase grants, once. */
  grant: (paymentId: string) => `grant:${paymentId}` as const,
  /** Moving a payment's net credits from one amount to another (refund, dispute, reinstatement). */
  adjust: (paymentId: string, from: number, to: number) => `adjust:${paymentId}:${from}:${to}` as const,
  /** One spend, idempotent per caller-chosen key. */
  use: (userId: string, key: string) => `use:${userId}:${key}` as const,
} satisfies Record<string, (...args: never[]) => CreditLedgerKey>;

export type ParsedLedgerKey =
  | { kind: 'grant'; paymentId: string }
  | { kind: 'adjust'; paymentId: string; from: number; to: number }
  | { kind: 'use'; userId: string; key: string };

/** The parts of a ledger key, or null for a string that is not one. */
export function parseLedgerKey(id: string): ParsedLedgerKey | null {
  const [kind, ...rest] = id.split(':');
  if (kind === 'grant' && rest.length === 1 && rest[0]) return { kind, paymentId: rest[0] };
  if (kind === 'adjust' && rest.length === 3) {
    const [paymentId, from, to] = [rest[0], Number(rest[1]), Number(rest[2])];
    if (paymentId && Number.isInteger(from) && Number.isInteger(to)) return { kind, paymentId, from, to };
  }
  if (kind === 'use' && rest.length >= 2 && rest[0]) return { kind, userId: rest[0], key: rest.slice(1).join(':') };
  return null;
}

/** Ledger rows of these payments: their grants and every later adjustment. */
function ofPayments(paymentIds: string[]) {
  const literal = (id: string) => id.replace(/[\\%_]/g, (c) => `\\${c}`);
  return or(inArray(creditLedger.id, paymentIds.map(ledgerKey.grant)), ...paymentIds.map((p) => like(creditLedger.id, `adjust:${literal(p)}:%`)));
}

/** What happened to the credits of these payments, oldest first (the operator timeline). */
export async function listPaymentCreditEntries(paymentIds: string[], db: Executor = getDb()) {
  if (paymentIds.length === 0) return [];
  return db.select().from(creditLedger).where(ofPayments(paymentIds)).orderBy(creditLedger.createdAt);
}

/**
 * Credits a payment is worth now: all of them while it stands, none once revoked, and the unrefunded
 * share after a partial refund.
 */
export function creditsTarget(credits: number, payment: { amountCents: number; refunded: number }, active: boolean) {
  if (!active || payment.amountCents <= 0) return 0;
  return Math.floor((credits * Math.max(0, payment.amountCents - payment.refunded)) / payment.amountCents);
}

/**
 * Moves the balance so that the payment's net credits equal `target`, once per transition, and never
 * below zero (credits already spent cannot be taken back). Runs in the webhook's transaction.
 */
export async function settlePaymentCredits(tx: Tx, userId: string, paymentId: string, target: number) {
  const grantKey = ledgerKey.grant(paymentId);
  if (target > 0) {
    // First grant: one statement, the ledger row being the once-only gate.
    const granted = await tx.execute(sql`
      with entry as (
        insert into ${creditLedger} (id, user_id, delta, reason)
        values (${grantKey}, ${userId}, ${target}, 'credits purchased')
        on conflict (id) do nothing
        returning delta
      )
      insert into ${creditBalances} (user_id, balance)
      select ${userId}, delta from entry
      on conflict (user_id) do update set balance = ${creditBalances}.balance + excluded.balance, updated_at = now()
      returning user_id`);
    if (granted.length > 0) return;
  }
  const [{ net, granted }] = await tx.execute<{ net: number; granted: boolean }>(sql`
    select coalesce(sum(delta), 0)::int as net, bool_or(id = ${grantKey}) as granted
    from ${creditLedger} where ${ofPayments([paymentId])}`);
  if (!granted || net === target) return;
  await tx.insert(creditBalances).values({ userId, balance: 0 }).onConflictDoNothing();
  const [balance] = await tx.select({ balance: creditBalances.balance }).from(creditBalances).where(eq(creditBalances.userId, userId)).for('update');
  const delta = target > net ? target - net : -Math.min(net - target, balance.balance);
  if (delta === 0) return;
  const inserted = await tx
    .insert(creditLedger)
    .values({ id: ledgerKey.adjust(paymentId, net, target), userId, delta, reason: target < net ? 'payment refunded or disputed' : 'payment restored' })
    .onConflictDoNothing()
    .returning({ id: creditLedger.id });
  if (inserted.length === 0) return;
  await tx.update(creditBalances).set({ balance: sql`${creditBalances.balance} + ${delta}`, updatedAt: sql`now()` }).where(eq(creditBalances.userId, userId));
}

export type SpendResult = { ok: true; balance: number; duplicate: boolean } | { ok: false; reason: 'insufficient'; balance: number };

class InsufficientCredits extends Error {}

/** Spends credits atomically: idempotent per key, and never below zero under concurrent use. */
export async function spendCredits(input: { userId: string; amount: number; key: string }, db: Database = getDb()): Promise<SpendResult> {
  const { userId, amount, key } = input;
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('amount must be a positive whole number of credits');
  try {
    return await db.transaction(async (tx) => {
      const entry = await tx
        .insert(creditLedger)
        .values({ id: ledgerKey.use(userId, key), userId, delta: -amount, reason: 'credits used' })
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
