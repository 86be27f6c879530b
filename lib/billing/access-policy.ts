// How long access lasts for each subscription state: the one place these business rules live.
import { isRenewalFailed, type DisputeStatus, type PaymentStatus, type SubscriptionStatus } from './statuses';

/** A renewal webhook may arrive a little after the billing date; access should not blink meanwhile. */
export const RENEWAL_LEEWAY_DAYS = 3;
/** After a failed renewal (on_hold / past_due) the buyer keeps access this long while they fix payment. */
export const GRACE_PERIOD_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

export type AccessDecision = { status: 'active' | 'grace' | 'revoked'; validUntil: Date | null; reason: string };

export function subscriptionAccess(sub: { status: SubscriptionStatus; nextBillingDate: Date | null; lastEventAt: Date }): AccessDecision {
  if (sub.status === 'active') {
    return {
      status: 'active',
      validUntil: sub.nextBillingDate ? new Date(sub.nextBillingDate.getTime() + RENEWAL_LEEWAY_DAYS * DAY_MS) : null,
      reason: 'subscription active',
    };
  }
  if (isRenewalFailed(sub.status)) {
    return {
      status: 'grace',
      validUntil: new Date(sub.lastEventAt.getTime() + GRACE_PERIOD_DAYS * DAY_MS),
      reason: `renewal failed (${sub.status}): grace period`,
    };
  }
  // pending, paused, cancelled, failed, expired: no access.
  return { status: 'revoked', validUntil: null, reason: `subscription ${sub.status}` };
}

export function oneTimePaymentAccess(payment: {
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  disputeStatus: DisputeStatus | null;
}): AccessDecision {
  if (payment.status !== 'succeeded') return { status: 'revoked', validUntil: null, reason: `payment ${payment.status}` };
  if (payment.disputeStatus === 'dispute_lost') return { status: 'revoked', validUntil: null, reason: 'dispute lost' };
  if (payment.amountCents > 0 && payment.refundedCents >= payment.amountCents) {
    return { status: 'revoked', validUntil: null, reason: 'fully refunded' };
  }
  return { status: 'active', validUntil: null, reason: 'paid' };
}
