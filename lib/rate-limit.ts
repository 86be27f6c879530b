// Throttles kept in PostgreSQL (one row per counter, fixed windows), so every app instance shares them
// and no Redis is needed. Anything an anonymous caller can trigger, or that costs us a Dodo call, is bounded.
import 'server-only';
import { headers } from 'next/headers';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';

type Limit = { max: number; windowSeconds: number };

export const LIMITS = {
  /** Wrong or right, per account: 10 tries in 15 minutes, whoever makes them. */
  signInPerAccount: { max: 10, windowSeconds: 15 * 60 },
  /** Per client address, across accounts (credential stuffing). */
  signInPerIp: { max: 50, windowSeconds: 15 * 60 },
  signUpPerIp: { max: 10, windowSeconds: 60 * 60 },
  emailLinksPerAccount: { max: 5, windowSeconds: 60 * 60 },
  emailLinksPerIp: { max: 20, windowSeconds: 60 * 60 },
  /** Links and notes mailed to one address at an anonymous caller's request (reset, magic link, sign-up). */
  emailLinksPerAddress: { max: 5, windowSeconds: 60 * 60 },
  checkoutPerUser: { max: 20, windowSeconds: 10 * 60 },
  creditSpendPerUser: { max: 120, windowSeconds: 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one attempt against `name` for `subject` (an email, a user id, an address); atomic under concurrency. */
export async function hit(name: LimitName, subject: string): Promise<LimitResult> {
  const { max, windowSeconds } = LIMITS[name];
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const rows = await getDb().execute<{ hits: number; retry_after: number }>(sql`
    insert into ${rateLimits} (key, window_start, hits) values (${`${name}:${subject.toLowerCase()}`}, now(), 1)
    on conflict (key) do update set
      window_start = case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end,
      hits = case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.hits} + 1 end
    returning hits, greatest(1, ceil(extract(epoch from (window_start + ${window} - now()))))::int as retry_after`);
  const [row] = rows;
  return row.hits <= max ? { ok: true } : { ok: false, retryAfterSeconds: row.retry_after };
}

/** Forgets the counter (a password reset proves the mailbox, so the account's sign-in lockout ends). */
export async function clearLimit(name: LimitName, subject: string): Promise<void> {
  await getDb().delete(rateLimits).where(eq(rateLimits.key, `${name}:${subject.toLowerCase()}`));
}

/** The first refusal among several limits (all are counted, so probing one does not spare the others). */
export async function hitAll(checks: [LimitName, string][]): Promise<LimitResult> {
  const results = await Promise.all(checks.map(([name, subject]) => hit(name, subject)));
  return results.find((r) => !r.ok) ?? { ok: true };
}

/** The caller's address as the proxy in front of the app reports it (the first X-Forwarded-For hop). */
export function clientAddress(from: Headers): string {
  return from.get('x-forwarded-for')?.split(',')[0]?.trim() || from.get('x-real-ip') || 'unknown';
}

/** The same, for server actions and pages. */
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers());
}

export function tryAgainIn(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 90 ? `Try again in ${seconds} seconds.` : `Try again in ${minutes} minutes.`;
}
