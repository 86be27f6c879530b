// Applies one verified webhook event to payments / subscriptions / refunds / licence keys and
// entitlements, inside the caller's transaction. Every step is order-independent: each object keeps
// the time of the newest event applied, and access is recomputed from stored state, not from the event.
// An event exactly as old as the stored state cannot be ordered by time: Dodo's current object decides.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { sentTogether, type Executor, type Tx } from '@/db';
import { OPEN_ORDER_STATUSES, disputes, entitlements, licenseKeys, orders, payments, plans, refunds, subscriptions, users, type Plan, type WebhookOutcome } from '@/db/schema';
import { oneTimePaymentAccess, subscriptionAccess, type AccessDecision } from './access-policy';
import { creditsTarget, settlePaymentCredits } from './credits';
import { parsedEventOf, retrieveFromDodo, type ObjectEvent } from './dodo-objects';
import { entitlementSource, setSourceEntitlements } from './entitlements';
import { lockProductLine, orderIdempotencyKey, productLineOf } from './plan-rules';
import { isLiveSubscription, isRenewalFailed, type DisputeStatus } from './statuses';
import { isInTrial, trialEndOf } from './trials';
import { enqueueFulfilments, type FulfilmentJob } from '@/lib/jobs/enqueue';
import { crmWebhookJobs } from '@/lib/jobs/tasks/crm-webhook';
import {
  objectIdOf,
  type DisputePayload,
  type LicenseKeyPayload,
  type ParsedEvent,
  type PaymentPayload,
  type RefundPayload,
  type SubscriptionPayload,
} from './webhook-payload';

/** What applying did, stored on the inbox row (the names are explained beside `WebhookOutcome`). */
export type ApplyOutcome = Exclude<WebhookOutcome, 'pending'>;

export type ApplyResult = { outcome: ApplyOutcome; resolvedFromDodo: boolean };

/**
 * `event`: applied only when strictly newer than the stored state (a webhook). `truth`: Dodo's current
 * object, applied unless the stored state is newer (a tie resolved, or a reconciliation repair).
 */
export type Precedence = 'event' | 'truth';

/** An event as old as the stored state but saying something else: neither may win by arrival order. */
type Tie = 'tie';

/**
 * What the webhook route has done before applying, to save round trips: the purchase lock taken with its
 * inbox insert, the owner read beside it (`readOwner`), and its record of the outcome, which is sent with
 * the last writes of the apply when the event's kind allows (else right after).
 */
export type Opening = {
  locked?: boolean;
  owner?: Owner;
  record?: (result: ApplyResult) => PromiseLike<unknown>;
};

/** The caller's part in applying one object, as `applyObject` hands it down. */
type Given = { owner?: Owner; record?: (outcome: ApplyOutcome) => PromiseLike<unknown> };

export async function applyWebhookEvent(
  tx: Tx,
  event: ParsedEvent,
  eventAt: Date,
  precedence: Precedence = 'event',
  opening: Opening = {},
): Promise<ApplyResult> {
  let recorded = false;
  const record = opening.record;
  const given: Given = {
    owner: opening.owner,
    record: record && ((outcome) => ((recorded = true), record({ outcome, resolvedFromDodo: false }))),
  };
  const result = await applyLocked(tx, event, eventAt, precedence, opening.locked ?? false, given);
  if (record && !recorded) await record(result);
  return result;
}

async function applyLocked(tx: Tx, event: ParsedEvent, eventAt: Date, precedence: Precedence, locked: boolean, given: Given): Promise<ApplyResult> {
  if (event.kind === 'other') return { outcome: 'ignored', resolvedFromDodo: false };
  if (!locked) await lockPurchase(tx, event);
  const outcome = await applyObject(tx, event, eventAt, precedence, given);
  if (outcome !== 'tie') return { outcome, resolvedFromDodo: false };
  const truth = parsedEventOf(event.kind, await retrieveFromDodo(event.kind, objectIdOf(event)!));
  const resolved = await applyObject(tx, truth, eventAt, 'truth');
  return { outcome: resolved === 'tie' ? 'stale' : resolved, resolvedFromDodo: true };
}

function applyObject(tx: Tx, event: ObjectEvent, eventAt: Date, precedence: Precedence, given: Given = {}): Promise<ApplyOutcome | Tie> {
  switch (event.kind) {
    case 'payment':
      return applyPayment(tx, event.object, eventAt, precedence, given);
    case 'subscription':
      return applySubscription(tx, event.object, eventAt, precedence, given.owner);
    case 'refund':
      return applyRefund(tx, event.object, eventAt, precedence);
    case 'dispute':
      return applyDispute(tx, event.object, eventAt, precedence);
    case 'license_key':
      return applyLicenseKey(tx, event.object, eventAt, precedence);
  }
}

/**
 * The lock that serialises the transactions touching one purchase: a payment with its refunds, disputes
 * and licence keys (keyed by the Dodo payment id), or one subscription; none for an event of another kind.
 * Ownership is decided at write time, so a licence key applied beside its payment must wait for the
 * payment's owner to be committed, not read null.
 */
export function purchaseLock(event: ParsedEvent): SQL | null {
  if (event.kind === 'other') return null;
  const o = event.object as { payment_id?: string | null; subscription_id?: string; id?: string };
  const key = event.kind === 'subscription' ? `subscription:${o.subscription_id}` : `payment:${o.payment_id ?? o.id}`;
  return sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export async function lockPurchase(tx: Tx, event: ObjectEvent) {
  await tx.execute(sql`select ${purchaseLock(event)}`);
}

/** The guard of an upsert: which stored states the incoming one may replace. */
function replaces(lastEventAt: PgColumn, eventAt: Date, precedence: Precedence) {
  return precedence === 'event' ? sql`${lastEventAt} < ${eventAt.toISOString()}` : sql`${lastEventAt} <= ${eventAt.toISOString()}`;
}

/**
 * After an upsert changed nothing: a tie when the stored state has exactly this event's time and
 * differs from it (`same` says what "the same state" means for the object), else stale.
 */
async function tieOrStale(
  tx: Tx,
  table: typeof payments | typeof subscriptions | typeof refunds | typeof disputes | typeof licenseKeys,
  id: string,
  eventAt: Date,
  precedence: Precedence,
  same: SQL,
): Promise<'stale' | Tie> {
  if (precedence === 'truth') return 'stale';
  const rows = await tx.execute(sql`select 1 from ${table} where id = ${id} and last_event_at = ${eventAt.toISOString()} and not (${same})`);
  return rows.length > 0 ? 'tie' : 'stale';
}

export type Owner = { userId: string | null; orderId: string | null; planId: string | null; plan: Plan | null };

const nobody: Owner = { userId: null, orderId: null, planId: null, plan: null };

/**
 * Finds who an object belongs to: our order (metadata.order_id, read with its plan in one query), then
 * metadata.user_id. Never the customer's email: an address Dodo reports is not proof of who paid.
 */
async function resolveOwner(tx: Executor, meta: Record<string, unknown>): Promise<Owner> {
  const orderId = typeof meta.order_id === 'string' ? meta.order_id : null;
  if (orderId) {
    const [order] = await tx
      .select({ userId: orders.userId, planId: orders.planId, plan: plans })
      .from(orders)
      .leftJoin(plans, eq(plans.id, orders.planId))
      .where(eq(orders.id, orderId));
    if (order) return { ...order, orderId };
  }
  const metaUserId = typeof meta.user_id === 'string' ? meta.user_id : null;
  if (metaUserId) {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, metaUserId));
    if (user) return { ...nobody, userId: user.id };
  }
  return nobody;
}

/**
 * Whom a payment or subscription belongs to by its order or metadata user: rows no webhook changes, so the
 * route reads them beside its inbox insert, before the purchase lock. Undefined for other kinds.
 */
export function readOwner(tx: Executor, event: ParsedEvent): Promise<Owner> | undefined {
  return event.kind === 'payment' || event.kind === 'subscription' ? resolveOwner(tx, event.object.metadata) : undefined;
}

/** Who owns Dodo's object by our records: its order, else its metadata user (never its email); for a key, refund or dispute, its payment's owner. */
export async function expectedOwnerId(db: Executor, event: ObjectEvent): Promise<string | null> {
  if (event.kind === 'payment' || event.kind === 'subscription') {
    return (await resolveOwner(db, event.object.metadata)).userId;
  }
  if (!event.object.payment_id) return null;
  const [payment] = await db.select({ userId: payments.userId }).from(payments).where(eq(payments.id, event.object.payment_id));
  return payment?.userId ?? null;
}

/** The plan for a Dodo product (it changes on plan changes); the order's plan when the product is unknown. */
async function findPlan(tx: Tx, where: { id?: string | null; dodoProductId?: string | null }): Promise<Plan | null> {
  if (where.dodoProductId) {
    const [plan] = await tx.select().from(plans).where(eq(plans.dodoProductId, where.dodoProductId));
    if (plan) return plan;
  }
  if (where.id) {
    const [plan] = await tx.select().from(plans).where(eq(plans.id, where.id));
    if (plan) return plan;
  }
  return null;
}

async function applyPayment(tx: Tx, p: PaymentPayload, eventAt: Date, precedence: Precedence, given: Given): Promise<ApplyOutcome | Tie> {
  const owner = given.owner ?? (await resolveOwner(tx, p.metadata));
  const status = p.status ?? 'processing';
  const values = {
    id: p.payment_id,
    orderId: owner.orderId,
    userId: owner.userId,
    subscriptionId: p.subscription_id ?? null,
    status,
    amountCents: p.total_amount,
    currency: p.currency,
    customerId: p.customer.customer_id,
    // A dispute applied before its payment flags it all the same.
    disputeStatus: latestDisputeStatus(p.payment_id),
    discounts: p.discounts,
    lastEventAt: eventAt,
  };
  // The upsert locks the payment row for the rest of the transaction and returns what recomputing needs.
  const [stored] = await tx
    .insert(payments)
    .values(values)
    .onConflictDoUpdate({
      target: payments.id,
      set: {
        status,
        amountCents: p.total_amount,
        // Dodo fixes a payment's discounts when it is created: an event that omits them keeps what is stored.
        discounts: sql`case when jsonb_array_length(excluded.discounts) > 0 then excluded.discounts else ${payments.discounts} end`,
        // A payment first stored without an owner (unmatched) gets one when a later event can tell.
        userId: sql`coalesce(${payments.userId}, excluded.user_id)`,
        orderId: sql`coalesce(${payments.orderId}, excluded.order_id)`,
        lastEventAt: eventAt,
        updatedAt: sql`now()`,
      },
      setWhere: replaces(payments.lastEventAt, eventAt, precedence),
    })
    .returning({ ...paymentAccessColumns, refunded: refundedSum(p.payment_id), lost: disputeLost(p.payment_id) });
  if (!stored) return tieOrStale(tx, payments, p.payment_id, eventAt, precedence, sql`status = ${status} and amount_cents = ${p.total_amount}`);

  // The rest only writes, each to its own tables, from what is known now: sent together, so the
  // statements share one round trip (postgres.js pipelines a transaction's queued queries).
  const plan = owner.userId ? owner.plan : null;
  const outcome = owner.userId ? 'applied' : 'unmatched';
  await sentTogether([
    linkToOwner(tx, {
      userId: owner.userId,
      orderId: owner.orderId,
      paid: status === 'succeeded',
      paymentId: p.payment_id,
      subscriptionId: p.subscription_id,
    }),
    applyPaymentAccess(tx, stored, plan),
    // A subscription's payment whose dispute was lost before it arrived revokes the subscription now.
    stored.lost && stored.subscriptionId && recomputeSubscriptionAccess(tx, stored.subscriptionId),
    // Receipts for every charge (renewals too), never for $0 (a trial start, a card saved); a first
    // one-time purchase also onboards the buyer.
    status === 'succeeded' &&
      owner.userId &&
      enqueueFulfilments(tx, [
        ...(p.total_amount > 0 ? [{ kind: 'receipt_email' as const, subjectId: p.payment_id, payload: {} }] : []),
        ...crmWebhookJobs(p.payment_id, 'payment.succeeded'),
        ...(plan && plan.kind !== 'subscription' ? onboarding(owner.userId, plan.id) : []),
      ]),
    given.record?.(outcome),
  ]);
  return outcome;
}

/**
 * After a payment or subscription is stored: give a licence key that arrived before its payment its owner, and mark the order paid when `paid`.
 * One statement, since every webhook pays for each round trip.
 */
async function linkToOwner(
  tx: Tx,
  link: { userId: string | null; orderId: string | null; paid: boolean; paymentId?: string; subscriptionId?: string | null },
) {
  if (!link.userId) return;
  await tx.execute(sql`
    with license as (
      update ${licenseKeys} set user_id = ${link.userId}
      where payment_id = ${link.paymentId ?? null} and user_id is null
    )
    update ${orders} set status = 'paid', paid_at = coalesce(paid_at, now()),
      payment_id = coalesce(payment_id, ${link.paymentId ?? null}),
      subscription_id = coalesce(subscription_id, ${link.subscriptionId ?? null}),
      error = null, updated_at = now()
    where ${link.paid} and id = ${link.orderId}`);
}

async function applySubscription(tx: Tx, s: SubscriptionPayload, eventAt: Date, precedence: Precedence, known?: Owner): Promise<ApplyOutcome | Tie> {
  const owner = known ?? (await resolveOwner(tx, s.metadata));
  // After a plan change the product is no longer the order's: the plan follows the product.
  const plan = owner.plan?.dodoProductId === s.product_id ? owner.plan : await findPlan(tx, { dodoProductId: s.product_id, id: owner.planId });
  const values = {
    id: s.subscription_id,
    userId: owner.userId,
    orderId: owner.orderId,
    planId: plan?.id ?? null,
    dodoProductId: s.product_id,
    status: s.status,
    nextBillingDate: s.next_billing_date ? new Date(s.next_billing_date) : null,
    cancelAtPeriodEnd: s.cancel_at_next_billing_date,
    cancelledAt: s.cancelled_at ? new Date(s.cancelled_at) : null,
    // Seats bought beyond the plan's: absolute, so a duplicate sets the same count and an older event changes nothing.
    addons: s.addons,
    trialEndsAt: trialEndOf(s),
    customerId: s.customer.customer_id,
    lastEventAt: eventAt,
  };
  const line = owner.userId && plan ? productLineOf(plan) : null;
  // Taken before any write, like startCheckout does: a checkout of the line never slips past a subscription going live.
  if (line && owner.userId) await lockProductLine(tx, owner.userId, line);
  const { id: _id, userId: _u, orderId: _o, ...changes } = values;
  const applied = await tx
    .insert(subscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: subscriptions.id,
      set: { ...changes, updatedAt: sql`now()` },
      setWhere: replaces(subscriptions.lastEventAt, eventAt, precedence),
    })
    .returning();
  const row = applied[0];
  if (!row) {
    const same = sql`status = ${values.status} and dodo_product_id = ${values.dodoProductId}
      and next_billing_date is not distinct from ${values.nextBillingDate?.toISOString() ?? null}::timestamptz
      and cancel_at_period_end = ${values.cancelAtPeriodEnd} and cancelled_at is not distinct from ${values.cancelledAt?.toISOString() ?? null}::timestamptz
      and addons = ${JSON.stringify(values.addons)}::jsonb`;
    return tieOrStale(tx, subscriptions, s.subscription_id, eventAt, precedence, same);
  }

  await linkToOwner(tx, {
    userId: row.userId,
    orderId: row.orderId,
    paid: isLiveSubscription(row.status),
    subscriptionId: row.id,
  });
  if (!row.userId) return 'unmatched';
  await applySubscriptionAccess(tx, row, plan);
  if (line && isLiveSubscription(row.status)) {
    // The line is taken: a checkout of another plan still open on it is no longer a purchase to finish.
    await tx
      .update(orders)
      .set({ status: 'expired', error: `subscription ${row.id} is live on this line`, updatedAt: sql`now()` })
      .where(and(eq(orders.idempotencyKey, orderIdempotencyKey(row.userId, plan!)), inArray(orders.status, [...OPEN_ORDER_STATUSES])));
  }
  if (row.status === 'active') {
    await enqueueFulfilments(tx, [
      ...onboarding(row.userId, row.planId),
      ...crmWebhookJobs(row.id, 'subscription.active'),
      // A trial starts with a $0 payment and no receipt: this email says when it ends and what follows.
      ...(isInTrial(row) ? [{ kind: 'trial_started_email' as const, subjectId: row.id, payload: {} }] : []),
    ]);
  } else if (isRenewalFailed(row.status)) {
    // One dunning email per failed renewal: the billing date names the period that failed.
    const period = row.nextBillingDate?.toISOString().slice(0, 10) ?? eventAt.toISOString().slice(0, 10);
    await enqueueFulfilments(tx, [{ kind: 'dunning_email', subjectId: `${row.id}:${period}`, payload: { subscriptionId: row.id } }]);
  }
  return 'applied';
}

/** Welcome email and workspace: once per user, whatever they buy first. */
function onboarding(userId: string, planId: string | null): FulfilmentJob[] {
  return [
    { kind: 'onboarding_email', subjectId: userId, payload: { planId } },
    { kind: 'provision_workspace', subjectId: userId, payload: {} },
  ];
}

/** Loads and locks a stored subscription, then recomputes its access (a dispute on one of its payments). */
async function recomputeSubscriptionAccess(tx: Tx, subscriptionId: string) {
  const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).for('update');
  if (sub) await applySubscriptionAccess(tx, sub, await findPlan(tx, { id: sub.planId, dodoProductId: sub.dodoProductId }));
}

/** A subscription grants its plan's keys per its status, unless one of its payments lost a dispute. */
async function applySubscriptionAccess(tx: Tx, row: typeof subscriptions.$inferSelect, plan: Plan | null) {
  if (!row.userId) return;
  const [{ lost }] = await tx.execute<{ lost: boolean }>(
    sql`select exists (select 1 from ${disputes} d join ${payments} p on p.id = d.payment_id
        where p.subscription_id = ${row.id} and d.status = 'dispute_lost') as lost`,
  );
  const decision: AccessDecision = lost ? { status: 'revoked', validUntil: null, reason: 'dispute lost' } : subscriptionAccess(row);
  await setSourceEntitlements(tx, { userId: row.userId, source: entitlementSource.subscription(row.id), keys: plan?.entitlements ?? [], decision });
}

async function applyRefund(tx: Tx, r: RefundPayload, eventAt: Date, precedence: Precedence): Promise<ApplyOutcome | Tie> {
  const [payment] = await tx.select({ amountCents: payments.amountCents, currency: payments.currency }).from(payments).where(eq(payments.id, r.payment_id));
  // A full refund may omit the amount; it is then the whole payment (known once the payment is stored).
  const amount = r.amount ?? (r.is_partial ? 0 : (payment?.amountCents ?? 0));
  const applied = await tx
    .insert(refunds)
    .values({
      id: r.refund_id,
      paymentId: r.payment_id,
      amountCents: amount,
      currency: r.currency ?? payment?.currency ?? 'USD',
      status: r.status,
      reason: r.reason ?? null,
      lastEventAt: eventAt,
    })
    .onConflictDoUpdate({
      target: refunds.id,
      set: { status: r.status, amountCents: amount, lastEventAt: eventAt, updatedAt: sql`now()` },
      setWhere: replaces(refunds.lastEventAt, eventAt, precedence),
    })
    .returning({ id: refunds.id });
  if (applied.length === 0) return tieOrStale(tx, refunds, r.refund_id, eventAt, precedence, sql`status = ${r.status} and amount_cents = ${amount}`);
  await recomputePaymentAccess(tx, r.payment_id);
  if (r.status === 'succeeded') await enqueueFulfilments(tx, [{ kind: 'refund_email', subjectId: r.refund_id, payload: {} }]);
  return 'applied';
}

async function applyDispute(tx: Tx, d: DisputePayload, eventAt: Date, precedence: Precedence): Promise<ApplyOutcome | Tie> {
  const [stored] = await tx
    .insert(disputes)
    .values({ id: d.dispute_id, paymentId: d.payment_id, status: d.dispute_status, lastEventAt: eventAt })
    .onConflictDoUpdate({
      target: disputes.id,
      set: { status: d.dispute_status, lastEventAt: eventAt, updatedAt: sql`now()` },
      setWhere: replaces(disputes.lastEventAt, eventAt, precedence),
    })
    .returning({ id: disputes.id });
  if (!stored) return tieOrStale(tx, disputes, d.dispute_id, eventAt, precedence, sql`status = ${d.dispute_status}`);
  // The payment shows the newest dispute's status; access follows from the stored disputes.
  const [payment] = await tx
    .update(payments)
    .set({ disputeStatus: latestDisputeStatus(d.payment_id), updatedAt: sql`now()` })
    .where(eq(payments.id, d.payment_id))
    .returning({ subscriptionId: payments.subscriptionId });
  if (!payment) return 'unmatched'; // applied when the payment arrives: its access reads the disputes table
  if (payment.subscriptionId) {
    await recomputeSubscriptionAccess(tx, payment.subscriptionId);
  } else {
    await recomputePaymentAccess(tx, d.payment_id);
  }
  return 'applied';
}

async function applyLicenseKey(tx: Tx, k: LicenseKeyPayload, eventAt: Date, precedence: Precedence): Promise<ApplyOutcome | Tie> {
  const [payment] = k.payment_id
    ? await tx.select({ userId: payments.userId }).from(payments).where(eq(payments.id, k.payment_id))
    : [];
  const applied = await tx
    .insert(licenseKeys)
    .values({
      id: k.id,
      userId: payment?.userId ?? null,
      paymentId: k.payment_id ?? '',
      key: k.key,
      status: k.status,
      activationsLimit: k.activations_limit ?? null,
      expiresAt: k.expires_at ? new Date(k.expires_at) : null,
      lastEventAt: eventAt,
    })
    .onConflictDoUpdate({
      target: licenseKeys.id,
      // A key first stored before its payment had an owner gets one as soon as the payment has.
      set: { status: k.status, userId: sql`coalesce(${licenseKeys.userId}, excluded.user_id)`, lastEventAt: eventAt },
      setWhere: replaces(licenseKeys.lastEventAt, eventAt, precedence),
    })
    .returning({ id: licenseKeys.id });
  if (applied.length === 0) return tieOrStale(tx, licenseKeys, k.id, eventAt, precedence, sql`status = ${k.status}`);
  // A key that arrives after its payment's access was revoked is disabled as soon as it exists.
  const [revoked] = k.payment_id
    ? await tx
        .select({ id: entitlements.id })
        .from(entitlements)
        .where(and(eq(entitlements.source, entitlementSource.payment(k.payment_id)), eq(entitlements.status, 'revoked')))
        .limit(1)
    : [];
  await enqueueFulfilments(tx, [
    { kind: 'license_key_email', subjectId: k.id, payload: {} },
    ...(revoked && k.status !== 'disabled' ? [{ kind: 'disable_license_keys' as const, subjectId: `${k.payment_id}:${k.id}`, payload: {} }] : []),
  ]);
  return 'applied';
}

const paymentAccessColumns = {
  id: payments.id,
  userId: payments.userId,
  orderId: payments.orderId,
  subscriptionId: payments.subscriptionId,
  status: payments.status,
  amountCents: payments.amountCents,
  refundedCents: payments.refundedCents,
  disputeStatus: payments.disputeStatus,
};

function latestDisputeStatus(paymentId: string) {
  return sql<DisputeStatus | null>`(select status from ${disputes} where payment_id = ${paymentId} order by last_event_at desc limit 1)`;
}

function disputeLost(paymentId: string) {
  return sql<boolean>`exists (select 1 from ${disputes} where payment_id = ${paymentId} and status = 'dispute_lost')`;
}

function refundedSum(paymentId: string) {
  return sql<number>`(select coalesce(sum(amount_cents), 0)::int from ${refunds} where payment_id = ${paymentId} and status = 'succeeded')`;
}

type PaymentAccessRow = { [K in keyof typeof paymentAccessColumns]: (typeof payments.$inferSelect)[K] } & { refunded: number; lost: boolean };

/** Loads and locks a stored payment, then recomputes its access (used when a refund or dispute lands). */
async function recomputePaymentAccess(tx: Tx, paymentId: string) {
  const [row] = await tx
    .select({ ...paymentAccessColumns, refunded: refundedSum(paymentId), lost: disputeLost(paymentId), planId: orders.planId })
    .from(payments)
    .leftJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.id, paymentId))
    .for('update', { of: payments });
  if (!row) return;
  await applyPaymentAccess(tx, row, row.planId ? await findPlan(tx, { id: row.planId }) : null);
}

/**
 * One-time purchases (licence, credits) grant access from the payment's stored state, so refunds,
 * disputes and the payment itself can arrive in any order and end in the same place.
 */
async function applyPaymentAccess(tx: Tx, payment: PaymentAccessRow, plan: Plan | null) {
  // Subscription payments: access follows the subscription's own events.
  if (!payment.userId || payment.subscriptionId || !plan || plan.kind === 'subscription') return;
  const decision = oneTimePaymentAccess({ ...payment, refundedCents: payment.refunded, disputeStatus: payment.lost ? 'dispute_lost' : payment.disputeStatus });
  // Independent writes (the payment's refund total, its entitlements, its credits): pipelined.
  await sentTogether([
    payment.refunded !== payment.refundedCents && tx.update(payments).set({ refundedCents: payment.refunded }).where(eq(payments.id, payment.id)),
    setSourceEntitlements(tx, { userId: payment.userId, source: entitlementSource.payment(payment.id), keys: plan.entitlements, decision }),
    plan.kind === 'credits' && settlePaymentCredits(tx, payment.userId, payment.id, creditsTarget(plan.credits, payment, decision.status === 'active')),
    // A paid licence whose access is revoked (refund, lost dispute): its keys stop working at Dodo too.
    plan.issuesLicenseKey &&
      payment.status === 'succeeded' &&
      decision.status === 'revoked' &&
      enqueueFulfilments(tx, [{ kind: 'disable_license_keys', subjectId: payment.id, payload: {} }]),
  ]);
}
