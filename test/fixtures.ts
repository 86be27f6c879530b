// Builders for integration tests: real users and orders in PostgreSQL, and webhooks signed like Dodo's.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { signedWebhook as signWith, type SignedDelivery } from './webhook-signing';
import { POST as postToWebhookRoute } from '@/app/api/webhooks/dodo/route';
import { createDatabase } from '@/db';
import { orders, plans, users } from '@/db/schema';
import { orderIdempotencyKey } from '@/lib/billing/plan-rules';
import { env } from '@/lib/env';

export type { SignedDelivery };

export const TEST_WEBHOOK_SECRET = env().DODO_PAYMENTS_WEBHOOK_KEY;

let testDb: ReturnType<typeof createDatabase> | undefined;
export function db() {
  testDb ??= createDatabase(env().DATABASE_URL, 5);
  return testDb.db;
}
export async function closeDb() {
  await testDb?.client.end();
  testDb = undefined;
}

export function dodoId(prefix: string) {
  return `${prefix}_${randomBytes(16).toString('base64url').slice(0, 21)}`;
}

/** A user, with a verified email unless `verified: false` (only verified accounts may buy). */
export async function createUser(overrides: { email?: string; name?: string; verified?: boolean } = {}) {
  const email = overrides.email ?? `buyer-${randomUUID()}@example.com`;
  const emailVerified = overrides.verified === false ? null : new Date();
  const [user] = await db().insert(users).values({ email, name: overrides.name ?? 'Test Buyer', emailVerified }).returning();
  return { id: user.id, email, name: user.name, emailVerified: emailVerified !== null };
}

/** An open order as the server action would leave it (the Dodo session id is made up). */
export async function createOpenOrder(userId: string, planId: string) {
  const [plan] = await db().select().from(plans).where(eq(plans.id, planId));
  const [order] = await db()
    .insert(orders)
    .values({
      userId,
      planId,
      status: 'open',
      idempotencyKey: orderIdempotencyKey(userId, plan),
      requestId: randomUUID(),
      amountCents: plan.priceCents,
      currency: plan.currency,
      dodoProductId: plan.dodoProductId ?? `pdt_${planId}`,
      checkoutSessionId: dodoId('cks'),
      checkoutUrl: 'https://example.invalid/checkout',
      checkoutCreatedAt: new Date(),
    })
    .returning();
  return { order, plan };
}

const billing = { city: 'Springfield', country: 'US', state: 'IL', street: '1 Main St', zipcode: '62701' };

export function paymentPayload(p: {
  paymentId?: string;
  status?: string;
  amount: number;
  orderId?: string;
  userId?: string;
  email: string;
  subscriptionId?: string | null;
}) {
  return {
    payload_type: 'Payment',
    payment_id: p.paymentId ?? dodoId('pay'),
    status: p.status ?? 'succeeded',
    total_amount: p.amount,
    settlement_amount: p.amount,
    currency: 'USD',
    settlement_currency: 'USD',
    business_id: 'bus_test',
    brand_id: 'bus_test',
    created_at: new Date().toISOString(),
    billing,
    customer: { customer_id: 'cus_test0000000000000000', email: p.email, name: 'Test Buyer' },
    metadata: { ...(p.orderId ? { order_id: p.orderId } : {}), ...(p.userId ? { user_id: p.userId } : {}) },
    subscription_id: p.subscriptionId ?? null,
    refunds: [],
    disputes: [],
  };
}

export function subscriptionPayload(s: {
  subscriptionId: string;
  status: string;
  productId: string;
  orderId?: string;
  email: string;
  nextBillingDate?: Date;
  cancelAtNextBillingDate?: boolean;
  createdAt?: Date;
  trialPeriodDays?: number;
}) {
  return {
    payload_type: 'Subscription',
    subscription_id: s.subscriptionId,
    status: s.status,
    product_id: s.productId,
    quantity: 1,
    currency: 'USD',
    recurring_pre_tax_amount: 1200,
    next_billing_date: (s.nextBillingDate ?? new Date(Date.now() + 30 * 86_400_000)).toISOString(),
    previous_billing_date: new Date().toISOString(),
    cancel_at_next_billing_date: s.cancelAtNextBillingDate ?? false,
    cancelled_at: null,
    created_at: (s.createdAt ?? new Date()).toISOString(),
    trial_period_days: s.trialPeriodDays ?? 0,
    billing,
    customer: { customer_id: 'cus_test0000000000000000', email: s.email, name: 'Test Buyer' },
    metadata: s.orderId ? { order_id: s.orderId } : {},
  };
}

export function refundPayload(r: { paymentId: string; amount: number; refundId?: string; partial?: boolean }) {
  return {
    payload_type: 'Refund',
    refund_id: r.refundId ?? dodoId('ref'),
    payment_id: r.paymentId,
    status: 'succeeded',
    amount: r.amount,
    currency: 'USD',
    is_partial: r.partial ?? false,
    business_id: 'bus_test',
    created_at: new Date().toISOString(),
    metadata: {},
  };
}

/** A webhook as Dodo sends it, signed with this run's secret (or `opts.secret`). */
export function signedWebhook(
  type: string,
  data: Record<string, unknown>,
  opts: { id?: string; eventAt?: Date; signedAt?: Date; secret?: string; rawBody?: string } = {},
): SignedDelivery {
  return signWith(opts.secret ?? TEST_WEBHOOK_SECRET, type, data, opts);
}

/** Delivers a webhook as Dodo does: a POST to /api/webhooks/dodo with its headers (omitted: none at all). */
export function deliverWebhook(d: { body: string; headers?: Record<string, string> }): Promise<Response> {
  return postToWebhookRoute(new Request('http://app.test/api/webhooks/dodo', { method: 'POST', headers: d.headers, body: d.body }));
}
