// What every resource module may use: the state, the virtual clock, the webhook emitter and the charge simulator.
import type { GetDispute } from 'dodopayments/resources/disputes';
import type { LicenseKey } from 'dodopayments/resources/license-keys';
import type { Payment } from 'dodopayments/resources/payments';
import type { Refund } from 'dodopayments/resources/refunds';
import type { Subscription } from 'dodopayments/resources/subscriptions';
import type { WebhookEventType } from 'dodopayments/resources/webhook-events';
import type { SandboxState } from './state';
import type { ChargeOutcome, TestInstrument } from './test-instruments';

/** `data` of a webhook envelope: the full object as GET returns it, tagged with its payload type. */
export type WebhookData =
  | ({ payload_type: 'Payment' } & Payment)
  | ({ payload_type: 'Subscription' } & Subscription)
  | ({ payload_type: 'Refund' } & Refund)
  | ({ payload_type: 'Dispute' } & GetDispute)
  | ({ payload_type: 'LicenseKey' } & LicenseKey);

export interface SandboxCore {
  readonly state: SandboxState;
  /** The virtual clock as an ISO string. */
  now(): string;
  /** Queues an event in the current action's batch; it is signed and sent when the action ends. */
  emit(type: WebhookEventType, data: WebhookData): void;
  /** The test-instrument outcome, unless a `fail_next_charges` fault overrides it. */
  charge(instrument: TestInstrument, subscriptionId?: string): ChargeOutcome;
  /** Base URL of this sandbox (API, portal) and of the checkout pages (`/session/{id}`). */
  readonly apiBaseUrl: string;
  readonly checkoutBaseUrl: string;
}
