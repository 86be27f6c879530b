// The SDK's string unions as runtime lists, so requests can be checked against exactly what Dodo accepts.
import type { DisputeStage, DisputeStatus } from 'dodopayments/resources/disputes';
import type { Currency } from 'dodopayments/resources/misc';
import type { IntentStatus } from 'dodopayments/resources/payments';
import type { RefundStatus } from 'dodopayments/resources/refunds';
import type { SubscriptionStatus } from 'dodopayments/resources/subscriptions';

/** Fails to compile when `List` misses a member of the union `Union`. */
type Complete<Union, List extends readonly Union[]> = Exclude<Union, List[number]> extends never ? List : never;

function complete<Union>() {
  return <const List extends readonly Union[]>(list: Complete<Union, List>): List => list;
}

export const CURRENCIES = complete<Currency>()([
  'AED', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BHD', 'BIF', 'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BWP', 'BYN', 'BZD', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HRK', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IQD', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SEK', 'SGD', 'SHP', 'SLE', 'SLL', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SZL', 'THB', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'UYU', 'UZS', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW',
]);

export const INTENT_STATUSES = complete<IntentStatus>()([
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

export const SUBSCRIPTION_STATUSES = complete<SubscriptionStatus>()(['pending', 'active', 'on_hold', 'paused', 'cancelled', 'failed', 'expired', 'past_due']);

export const REFUND_STATUSES = complete<RefundStatus>()(['succeeded', 'failed', 'pending', 'review']);

export const DISPUTE_STATUSES = complete<DisputeStatus>()([
  'dispute_opened',
  'dispute_expired',
  'dispute_accepted',
  'dispute_cancelled',
  'dispute_challenged',
  'dispute_won',
  'dispute_lost',
]);

export const DISPUTE_STAGES = complete<DisputeStage>()(['pre_dispute', 'dispute', 'pre_arbitration']);

export const LICENSE_KEY_STATUSES = complete<'active' | 'expired' | 'disabled'>()(['active', 'expired', 'disabled']);
