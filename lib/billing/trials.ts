// Free trials: when one ends, whether a subscription is still in it, and the reminder 3 days before.
// Dodo has no trialing status (a trial is an active subscription whose first charge is at the trial's
// end), so the trial is read from Dodo's own fields: created_at + trial_period_days.
import { and, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { subscriptions } from '@/db/schema';
import { env } from '@/lib/env';
import { enqueueFulfilments } from '@/lib/jobs/enqueue';

const DAY_MS = 86_400_000;
/** The trial-ending email goes out this many days before the first charge. */
export const TRIAL_REMINDER_DAYS = 3;

export function trialEndOf(s: { created_at?: string | null; trial_period_days?: number | null }): Date | null {
  if (!s.created_at || !s.trial_period_days) return null;
  return new Date(Date.parse(s.created_at) + s.trial_period_days * DAY_MS);
}

/** Still in its trial: active, and the next charge is the trial's end (after the first renewal it is later). */
export function isInTrial(sub: { status: string; trialEndsAt: Date | null; nextBillingDate: Date | null }): boolean {
  return sub.status === 'active' && !!sub.trialEndsAt && !!sub.nextBillingDate && sub.nextBillingDate.getTime() <= sub.trialEndsAt.getTime();
}

/**
 * Now, as Dodo's billing sees it: the wall clock with real Dodo; the sandbox's virtual clock with the
 * sandbox, so advancing it in QA brings trial reminders due as it brings renewals.
 */
export async function billingNow(): Promise<Date> {
  const config = env();
  if (config.dodoMode !== 'sandbox' || !config.DODO_PAYMENTS_BASE_URL) return new Date();
  const res = await fetch(new URL('/sandbox/clock', config.DODO_PAYMENTS_BASE_URL), { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`the sandbox clock answered ${res.status}`);
  const { now } = (await res.json()) as { now: string };
  return new Date(now);
}

/** The reminder's subject: one per subscription and trial end, so a sweep that runs twice mails once. */
export function trialReminderSubject(subscriptionId: string, trialEndsAt: Date): string {
  return `${subscriptionId}:${trialEndsAt.toISOString().slice(0, 10)}`;
}

/** Queues the trial-ending email for every trial that ends within TRIAL_REMINDER_DAYS of `now`. */
export async function queueTrialReminders(now: Date): Promise<number> {
  const due = await getDb()
    .select({ id: subscriptions.id, trialEndsAt: subscriptions.trialEndsAt })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.status, 'active'),
        isNotNull(subscriptions.userId),
        gt(subscriptions.trialEndsAt, now),
        lte(subscriptions.trialEndsAt, new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS)),
        lte(subscriptions.nextBillingDate, subscriptions.trialEndsAt),
        sql`not ${subscriptions.cancelAtPeriodEnd}`,
      ),
    );
  await enqueueFulfilments(
    getDb(),
    due.map((s) => ({ kind: 'trial_ending_email' as const, subjectId: trialReminderSubject(s.id, s.trialEndsAt!), payload: {} })),
  );
  return due.length;
}
