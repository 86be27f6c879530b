// What every resource module may use: the state, the virtual clock, the webhook emitter and the charge simulator.
import type { GetDispute } from 'dodopayments/resources/disputes';
import type { LicenseKey } from 'dodopayments/resources/license-keys';
import type { Payment } from 'dodopayments/resources/payments';
import type { Refund } from 'dodopayments/resources/refunds';
import type { Subscription } from 'dodopayments/resources/subscriptions';
import type { WebhookEventType } from 'dodopayments/resources/webhook-events';
import type { AbandonedCheckoutDetectedWebhookEvent, DunningStartedWebhookEvent } from 'dodopayments/resources/webhooks/webhooks';
import type { SandboxState } from './state';
import type { ChargeOutcome, TestInstrument } from './test-instruments';

/** `data` of a webhook envelope: the full object as GET returns it, tagged with its payload type. */
export type WebhookData =
  | ({ payload_type: 'Payment' } & Payment)
  | ({ payload_type: 'Subscription' } & Subscription)
  | ({ payload_type: 'Refund' } & Refund)
  | ({ payload_type: 'Dispute' } & GetDispute)
  | ({ payload_type: 'LicenseKey' } & LicenseKey)
  | ({ payload_type: 'DunningAttempt' } & DunningStartedWebhookEvent.Data)
  | ({ payload_type: 'AbandonedCheckout' } & AbandonedCheckoutDetectedWebhookEvent.Data);

/** Who is charged how: off-session charges (renewals, retries, plan changes) are where some test cards fail. */
export type ChargeContext = { subscriptionId?: string; offSession: boolean };

export interface SandboxCore {
  readonly state: SandboxState;
  /** The virtual clock as an ISO string. */
  now(): string;
  /** Queues an event in the current action's batch; it is signed and sent when the action ends. */
  emit(type: WebhookEventType, data: WebhookData): void;
  /** The test-instrument outcome, unless a `fail_next_charges` / `fail_subscription_charges` fault overrides it. */
  charge(instrument: TestInstrument, context: ChargeContext): ChargeOutcome;
  /** True when a `fail_next_refunds` fault makes this refund fail (and counts it down). */
  refundFails(): boolean;
  /** Base URL of this sandbox (API, portal) and of the checkout pages (`/session/{id}`). */
  readonly apiBaseUrl: string;
  readonly checkoutBaseUrl: string;
}
