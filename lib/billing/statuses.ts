// Dodo's status vocabularies as values (the SDK declares them only as types, which type our columns),
// and the sets of them this app's rules use. Everything that asks "is this subscription live?" asks here.
import type { DisputeStatus } from 'dodopayments/resources/disputes';
import type { LicenseKeyStatus } from 'dodopayments/resources/license-keys';
import type { IntentStatus } from 'dodopayments/resources/payments';
import type { RefundStatus } from 'dodopayments/resources/refunds';
import type { SubscriptionStatus } from 'dodopayments/resources/subscriptions';

export type { DisputeStatus, IntentStatus as PaymentStatus, LicenseKeyStatus, RefundStatus, SubscriptionStatus };

/** Every member of the union `T`, checked at compile time: a missing or unknown value fails the typecheck. */
const everyValueOf =
  <T extends string>() =>
  <const V extends readonly T[]>(values: V & ([T] extends [V[number]] ? unknown : { missing: Exclude<T, V[number]> })) =>
    values;

export const SUBSCRIPTION_STATUSES = everyValueOf<SubscriptionStatus>()(['pending', 'active', 'on_hold', 'paused', 'cancelled', 'failed', 'expired', 'past_due']);
export const PAYMENT_STATUSES = everyValueOf<IntentStatus>()([
  'succeeded',
  'failed',
  'cancelled',
  'processing',
  'requires_customer_action',
  'requires_merchant_action',
  'requires_payment_method',
  'requires_confirmation',
  'requires_capture',
  'partially_captured',
  'partially_captured_and_capturable',
]);
export const REFUND_STATUSES = everyValueOf<RefundStatus>()(['succeeded', 'failed', 'pending', 'review']);
export const DISPUTE_STATUSES = everyValueOf<DisputeStatus>()([
  'dispute_opened',
  'dispute_expired',
  'dispute_accepted',
  'dispute_cancelled',
  'dispute_challenged',
  'dispute_won',
  'dispute_lost',
]);
export const LICENSE_KEY_STATUSES = everyValueOf<LicenseKeyStatus>()(['active', 'expired', 'disabled']);

/** A renewal charge failed: the buyer keeps access for a grace period while they fix the payment method. */
export const RENEWAL_FAILED_STATUSES = ['on_hold', 'past_due'] as const satisfies readonly SubscriptionStatus[];

/**
 * Live: the subscription is still the buyer's. It grants access (fully or in grace), counts as paid,
 * offers the billing controls and blocks a second checkout of its plan.
 */
export const LIVE_SUBSCRIPTION_STATUSES = ['active', ...RENEWAL_FAILED_STATUSES] as const satisfies readonly SubscriptionStatus[];

export function isLiveSubscription(status: SubscriptionStatus): boolean {
  return (LIVE_SUBSCRIPTION_STATUSES as readonly SubscriptionStatus[]).includes(status);
}

export function isRenewalFailed(status: SubscriptionStatus): boolean {
  return (RENEWAL_FAILED_STATUSES as readonly SubscriptionStatus[]).includes(status);
}
