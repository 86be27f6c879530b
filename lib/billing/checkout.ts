import 'server-only';
// Starting a checkout: the order row first (idempotent per user and plan), then one Dodo session for it.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { APIError } from 'dodopayments';
import { after } from 'next/server';
import { getDb, type Executor, type Tx } from '@/db';
import { OPEN_ORDER_STATUSES, orders, plans, users, type Order } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { checkDiscountCode } from './discounts';
import { hasEntitlement } from './entitlements';
import { planFullName, purchaseSummary } from './format';
import { liveSubscriptionsOnLine, lockProductLine, orderIdempotencyKey, productLineOf } from './plan-rules';
import type { CheckoutTheme } from './checkout-theme';

/** Dodo sessions live 24 h; an older open order gets a fresh one rather than a dead link. */
const SESSION_REUSE_MS = 23 * 60 * 60 * 1000;

export type CheckoutBuyer = { id: string; email: string; name: string | null; emailVerified: boolean };

/** Why an unverified account cannot buy: the Dodo customer and every grant rest on a verified email. */
export const VERIFY_EMAIL_FIRST = 'Confirm your email address first: use the link we sent you (or ask for a new one at the top of the page).';

export type StartCheckoutResult =
  | { ok: true; orderId: string; checkoutUrl: string; reused: boolean }
  | { ok: false; error: string; orderId?: string };

/** Our return page for an order: where Dodo's return URL points, and where a manual redirect goes. */
export function checkoutReturnPath(orderId: string): string {
  return `/checkout/return?order_id=${encodeURIComponent(orderId)}`;
}

/**
 * Starts (or resumes) the buyer's checkout of a plan. `discountCode`: checked at Dodo before anything is
 * created, then sent with the session (`discount_codes`). `renewExpiredSession`: the page saw the session's
 * link expire, so a fresh session replaces it unless Dodo already has a payment under way on it.
 */
export async function startCheckout(input: {
  buyer: CheckoutBuyer;
  planId: string;
  requestId?: string;
  discountCode?: string;
  renewExpiredSession?: boolean;
  theme?: CheckoutTheme;
}): Promise<StartCheckoutResult> {
  const db = getDb();
  const { buyer } = input;
  if (!buyer.emailVerified) return { ok: false, error: VERIFY_EMAIL_FIRST };
  const [plan] = await db.select().from(plans).where(and(eq(plans.id, input.planId), eq(plans.active, true)));
  if (!plan) return { ok: false, error: 'That plan does not exist.' };
  if (!plan.dodoProductId) return { ok: false, error: 'That plan is not available for purchase yet (not synced to Dodo).' };
  const discount = input.discountCode ? await checkDiscountCode(input.discountCode, plan) : null;
  if (discount && !discount.ok) return { ok: false, error: discount.error };
  const discountCode = discount?.code ?? null;

  const line = productLineOf(plan);
  const idempotencyKey = orderIdempotencyKey(buyer.id, plan);
  const requestId = input.requestId ?? randomUUID();
  return db.transaction(async (tx) => {
    if (line) {
      // Whatever the client sends: one live subscription per line, checked under the line's lock,
      // which the webhook that makes a subscription live takes too.
      await lockProductLine(tx, buyer.id, line);
      const [live] = await liveSubscriptionsOnLine(buyer.id, line, tx);
      if (live) {
        const held = live.plan ? planFullName(live.plan) : 'a subscription';
        return { ok: false as const, error: `You already have ${held}. Change your plan on the billing page instead of buying a second subscription.` };
      }
    }
    // The partial unique index lets exactly one open order exist per key (per plan, or per line).
    await tx
      .insert(orders)
      .values({
        userId: buyer.id,
        planId: plan.id,
        idempotencyKey,
        requestId,
        amountCents: plan.priceCents,
        currency: plan.currency,
        dodoProductId: plan.dodoProductId!,
      })
      .onConflictDoNothing({ target: orders.idempotencyKey, where: sql`status in ('pending', 'open')` });
    // Double clicks, retries and other tabs queue on this row lock, then find the session already made.
    let [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.idempotencyKey, idempotencyKey), inArray(orders.status, [...OPEN_ORDER_STATUSES])))
      .for('update');
    if (!order) return { ok: false as const, error: 'Your order changed meanwhile; please try again.' };

    if (order.planId !== plan.id) {
      // The buyer picked another plan of the line: that order gives way (one open checkout per line).
      await tx.update(orders).set({ status: 'expired', error: `replaced by a checkout of ${plan.id}`, updatedAt: sql`now()` }).where(eq(orders.id, order.id));
      [order] = await tx
        .insert(orders)
        .values({ userId: buyer.id, planId: plan.id, idempotencyKey, requestId, amountCents: plan.priceCents, currency: plan.currency, dodoProductId: plan.dodoProductId! })
        .returning();
    }
    // A session is reused only for the same code (a code added or dropped since needs a session of its
    // own), and not once the page saw its link expire, unless Dodo has a payment under way on it.
    const fresh = order.checkoutUrl && order.checkoutCreatedAt && order.discountCode === discountCode && Date.now() - order.checkoutCreatedAt.getTime() < SESSION_REUSE_MS;
    if (fresh && !(input.renewExpiredSession && !(await paymentUnderWay(order.checkoutSessionId)))) {
      return { ok: true as const, orderId: order.id, checkoutUrl: order.checkoutUrl!, reused: true };
    }
    return createSession(tx, order, { trialDays: plan.trialDays, discountCode, theme: input.theme ?? 'system' }, await dodoCustomerFor(tx, buyer));
  });
}

/** Whether Dodo has a payment on the session that is not over (a page's "expired" never replaces one). */
async function paymentUnderWay(sessionId: string | null): Promise<boolean> {
  if (!sessionId) return false;
  const { payment_status: status } = await getDodo().checkoutSessions.retrieve(sessionId);
  return !!status && !['failed', 'cancelled', 'requires_payment_method'].includes(status);
}

/**
 * The buyer's Dodo customer, created by us before their first checkout (`prepareCheckoutFor`) or on it,
 * and passed by id from then on: the checkout never names the buyer by email, so Dodo can never match
 * them to someone else's customer.
 */
async function dodoCustomerFor(tx: Executor, buyer: CheckoutBuyer): Promise<string> {
  // In a checkout, on its own connection: a second one, taken while the line lock is held, can wait
  // forever once every pooled connection is held by a checkout queued on that lock.
  const [stored] = await tx.select({ customerId: users.dodoCustomerId }).from(users).where(eq(users.id, buyer.id));
  if (stored?.customerId) return stored.customerId;
  const customer = await getDodo().customers.create({ email: buyer.email, name: buyer.name ?? buyer.email });
  // Two first checkouts at once (two tabs) both create one: the first stored wins and both use it.
  const [linked] = await tx
    .update(users)
    .set({ dodoCustomerId: sql`coalesce(${users.dodoCustomerId}, ${customer.customer_id})` })
    .where(eq(users.id, buyer.id))
    .returning({ customerId: users.dodoCustomerId });
  return linked?.customerId ?? customer.customer_id;
}

/**
 * What a page offering checkouts prepares for a signed-in buyer before any click: their Dodo customer,
 * created once, after the page is sent (verified buyers only; a failure is logged and the checkout
 * creates it then). The click then waits only for its checkout session.
 */
export function prepareCheckoutFor(buyer: CheckoutBuyer): void {
  if (!buyer.emailVerified) return;
  after(async () => {
    try {
      await dodoCustomerFor(getDb(), buyer);
    } catch (err) {
      log.warn({ userId: buyer.id, error: err instanceof APIError ? `Dodo answered ${err.message}` : (err as Error).message }, 'could not create the Dodo customer ahead of checkout');
    }
  });
}

/** Where checkout pages are served, for the browser to connect ahead: the base URL's host (the sandbox serves its own), else Dodo's by mode. */
export function checkoutOrigin(): string {
  const { DODO_PAYMENTS_BASE_URL, DODO_PAYMENTS_ENVIRONMENT } = env();
  if (DODO_PAYMENTS_BASE_URL) return new URL(DODO_PAYMENTS_BASE_URL).origin;
  return DODO_PAYMENTS_ENVIRONMENT === 'test_mode' ? 'https://test.checkout.dodopayments.com' : 'https://checkout.dodopayments.com';
}

async function createSession(tx: Tx, order: Order, terms: { trialDays: number; discountCode: string | null; theme: CheckoutTheme }, customerId: string): Promise<StartCheckoutResult> {
  const { trialDays, discountCode, theme } = terms;
  const appUrl = env().APP_URL;
  try {
    const session = await getDodo().checkoutSessions.create({
      product_cart: [{ product_id: order.dodoProductId, quantity: 1 }],
      customer: { customer_id: customerId },
      return_url: `${appUrl}${checkoutReturnPath(order.id)}`,
      metadata: { order_id: order.id, user_id: order.userId, request_id: order.requestId },
      // A reused session keeps the theme it was created with.
      customization: { theme },
      ...(trialDays > 0 ? { subscription_data: { trial_period_days: trialDays } } : {}),
      ...(discountCode ? { discount_codes: [discountCode] } : {}),
    });
    if (!session.checkout_url) throw new Error('Dodo returned no checkout_url for the session');
    await tx
      .update(orders)
      .set({
        status: 'open',
        checkoutSessionId: session.session_id,
        checkoutUrl: session.checkout_url,
        checkoutCreatedAt: sql`now()`,
        discountCode,
        error: null,
        updatedAt: sql`now()`,
      })
      .where(eq(orders.id, order.id));
    log.info({ requestId: order.requestId, orderId: order.id, userId: order.userId, checkoutSessionId: session.session_id }, 'checkout session created');
    return { ok: true, orderId: order.id, checkoutUrl: session.checkout_url, reused: false };
  } catch (err) {
    const message = err instanceof APIError ? `Dodo answered ${err.message}` : (err as Error).message;
    log.warn({ requestId: order.requestId, orderId: order.id, userId: order.userId, error: message }, 'checkout session failed');
    await tx.update(orders).set({ status: 'failed', error: message, updatedAt: sql`now()` }).where(eq(orders.id, order.id));
    return { ok: false, error: `We could not start the checkout: ${message}. Please try again in a moment.`, orderId: order.id };
  }
}

/** The buyer's view of one of their orders, for the return page. */
export async function getOrderForUser(orderId: string, userId: string) {
  const [order] = await getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
  return order ?? null;
}

/** Paid (per the webhook) and every entitlement of the plan usable: what the return page waits for. */
export async function orderFulfilment(orderId: string, userId: string) {
  const order = await getOrderForUser(orderId, userId);
  if (!order) return null;
  const [plan] = await getDb().select().from(plans).where(eq(plans.id, order.planId));
  const checks = await Promise.all((plan?.entitlements ?? []).map((key) => hasEntitlement(userId, key)));
  return {
    orderId: order.id,
    status: order.status,
    planName: plan ? planFullName(plan) : order.planId,
    granted: order.status === 'paid' && checks.every(Boolean),
    ...(plan ? purchaseSummary(plan) : { headline: `${order.planId} is yours.`, useAt: { href: '/billing', label: 'Go to billing' } }),
  };
}
