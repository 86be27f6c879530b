// crm_webhook (subject: a payment, subscription or user id): tells the CRM about a customer, as JSON.
// Queued only while CRM_WEBHOOK_URL is set; any non-2xx answer fails the attempt (retried).
import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { payments, subscriptions } from '@/db/schema';
import { crmWebhookUrlFromEnv } from '@/lib/env';
import type { FulfilmentJob } from '../enqueue';
import type { FulfilmentHandler } from '../kinds';
import { latestPaidPlan, loadPayment, loadSubscription, loadUser } from './subjects';

/**
 * The CRM call for `event` about a subject, or none while CRM_WEBHOOK_URL is unset: a job that would post
 * nowhere is a row, a job and a worker's attempt per payment for nothing. Calls queued before the URL was
 * unset still run, and succeed without sending.
 */
export function crmWebhookJobs(subjectId: string, event: string): FulfilmentJob[] {
  return crmWebhookUrlFromEnv() ? [{ kind: 'crm_webhook', subjectId, payload: { event } }] : [];
}

export const postCrmWebhook: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  if (!config.crmWebhookUrl) return 'skipped: CRM_WEBHOOK_URL is not set';
  const body = { id: fulfilment.id, event: fulfilment.payload.event ?? null, subject_id: fulfilment.subjectId, ...(await describe(db, fulfilment.subjectId)) };
  const response = await fetch(config.crmWebhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': fulfilment.id },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`CRM webhook answered ${response.status} ${response.statusText}`.trim());
  return `posted to the CRM (${response.status})`;
};

/** The customer, plan and object behind a subject id, as stored now. */
async function describe(db: Database, subjectId: string) {
  const [isPayment] = await db.select({ id: payments.id }).from(payments).where(eq(payments.id, subjectId));
  if (isPayment) {
    const p = await loadPayment(db, subjectId);
    return {
      ...(await customerAndPlan(db, p.userId, p.plan)),
      payment: { id: p.id, status: p.status, amount_cents: p.amountCents, currency: p.currency, subscription_id: p.subscriptionId },
    };
  }
  const [isSubscription] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.id, subjectId));
  if (isSubscription) {
    const s = await loadSubscription(db, subjectId);
    return {
      ...(await customerAndPlan(db, s.userId, s.plan)),
      subscription: { id: s.id, status: s.status, next_billing_date: s.nextBillingDate?.toISOString() ?? null },
    };
  }
  const user = await loadUser(db, subjectId);
  return customerAndPlan(db, user.id, await latestPaidPlan(db, user.id));
}

async function customerAndPlan(db: Database, userId: string | null, plan: { id: string; name: string } | null) {
  return { customer: userId ? customer(await loadUser(db, userId)) : null, plan: plan ? { id: plan.id, name: plan.name } : null };
}

function customer(user: { id: string; email: string | null; name: string | null }) {
  return { user_id: user.id, email: user.email, name: user.name };
}
