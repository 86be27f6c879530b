// The sandbox's core: state, virtual clock, faults and webhooks behind one object that the HTTP layer, the
// control API and the checkout pages all drive. Every mutation runs as an "action": its events form one batch.
import type { GetDispute } from 'dodopayments/resources/disputes';
import type { WebhookEventType } from 'dodopayments/resources/webhook-events';
import { SandboxError, type CheckoutSessionView, type CheckoutTotals, type PayInput, type PayResult, type SandboxEngine, type ThreeDsOutcome } from './engine';
import type { ChargeContext, SandboxCore, WebhookData } from './core/context';
import { ID_PREFIX, newId } from './core/ids';
import { StateStore, type DeliveryAttempt, type EventRecord, type SandboxState, type WebhookEndpointRecord } from './core/state';
import { instrumentOutcome, type ChargeOutcome, type TestInstrument } from './core/test-instruments';
import { cancelExpiredThreeDs, checkoutSessionView, checkoutTotals, completeThreeDs, detectAbandonedCheckouts, payCheckoutSession } from './resources/checkouts';
import { openDispute, resolveDispute, type DisputeOutcome } from './resources/disputes';
import { nextBillingEventAt, runDueBilling } from './resources/subscriptions';
import { ensureConfiguredEndpoint } from './resources/webhook-endpoints';
import { WebhookDelivery } from './webhooks/delivery';
import { signedHeaders } from './webhooks/signing';

export type EventOrder = 'normal' | 'reverse' | 'shuffle';

export type SandboxFaults = {
  /** The next N charges (checkout, renewal, plan change, payment-method update) are declined with GENERIC_DECLINE. */
  fail_next_charges: number;
  /** Subscriptions whose next charge is declined (once each), whatever else is charged meanwhile. */
  fail_subscription_charges: string[];
  /** The next N delivery attempts fail without being sent (then retry on schedule). */
  fail_next_deliveries: number;
  /** Every delivery attempt waits this long first. */
  delay_ms: number;
  /** Re-orders the events of each action before they are sent. */
  order: EventOrder;
  /** Events are recorded (`GET /sandbox/events`) but never sent, until redelivered. */
  drop_webhooks: boolean;
  /** Each event's first attempt goes out together with N more copies at the same moment (a retry racing a slow first attempt). */
  duplicate_deliveries: number;
  /** `redeliver(id, count)` sends its copies all at once instead of one after another. */
  concurrent_redeliveries: boolean;
  /** The next N refunds fail (`status: failed`, `refund.failed`) instead of succeeding. */
  fail_next_refunds: number;
};

const NO_FAULTS: Readonly<SandboxFaults> = {
  fail_next_charges: 0,
  fail_subscription_charges: [],
  fail_next_deliveries: 0,
  delay_ms: 0,
  order: 'normal',
  drop_webhooks: false,
  duplicate_deliveries: 0,
  concurrent_redeliveries: false,
  fail_next_refunds: 0,
};

/**
 * One recorded event. `body` is the exact string that is signed and sent; `headers` (only when asked for, signed
 * now with an endpoint's secret) are what a delivery of it carries, so a test can replay it byte for byte.
 */
export type SandboxEvent = {
  webhook_id: string;
  type: string;
  created_at: string;
  dropped: boolean;
  payload: unknown;
  body: string;
  headers?: Record<string, string>;
};

export type SandboxCoreOptions = {
  stateFile?: string;
  timeFactor: number;
  log: (line: string) => void;
  webhookUrl?: string;
  webhookSecret: string;
};

export class Sandbox implements SandboxCore, SandboxEngine {
  apiBaseUrl = '';
  checkoutBaseUrl = '';
  readonly faults: SandboxFaults = { ...NO_FAULTS };
  private readonly store: StateStore;
  private delivery: WebhookDelivery;
  private batch: EventRecord[] | null = null;

  constructor(private readonly opts: SandboxCoreOptions) {
    this.store = new StateStore(opts.stateFile);
    this.delivery = this.newDelivery();
    this.runAction(() => this.ensureConfiguredEndpoint());
  }

  get state(): SandboxState {
    return this.store.state;
  }

  now(): string {
    return new Date(this.nowMs()).toISOString();
  }

  private nowMs(): number {
    return Date.now() + this.state.clock_offset_ms;
  }

  emit(type: WebhookEventType, data: WebhookData): void {
    const event: EventRecord = {
      webhook_id: newId(ID_PREFIX.webhookMessage),
      type,
      created_at: this.now(),
      body: JSON.stringify({ business_id: this.state.business_id, type, timestamp: this.now(), data }),
      dropped: this.faults.drop_webhooks,
    };
    this.state.events.push(event);
    if (this.batch) this.batch.push(event);
    else this.send([event]);
  }

  charge(instrument: TestInstrument, context: ChargeContext): ChargeOutcome {
    const targeted = context.subscriptionId ? this.faults.fail_subscription_charges.indexOf(context.subscriptionId) : -1;
    if (targeted >= 0) {
      this.faults.fail_subscription_charges = this.faults.fail_subscription_charges.filter((_, i) => i !== targeted);
      return { ok: false, error_code: 'GENERIC_DECLINE', error_message: 'Declined by the sandbox fail_subscription_charges fault.' };
    }
    if (this.faults.fail_next_charges > 0) {
      this.faults.fail_next_charges -= 1;
      return { ok: false, error_code: 'GENERIC_DECLINE', error_message: 'Declined by the sandbox fail_next_charges fault.' };
    }
    return instrumentOutcome(instrument, context.offSession);
  }

  refundFails(): boolean {
    if (this.faults.fail_next_refunds <= 0) return false;
    this.faults.fail_next_refunds -= 1;
    return true;
  }

  /** Runs one state change: persists it, then sends the events it emitted as one (possibly re-ordered) batch. */
  runAction<T>(action: () => T): T {
    if (this.batch) return action();
    this.batch = [];
    try {
      return action();
    } finally {
      const events = this.batch;
      this.batch = null;
      this.store.persist();
      this.send(events);
    }
  }

  private send(events: EventRecord[]): void {
    const ordered = this.faults.order === 'reverse' ? [...events].reverse() : this.faults.order === 'shuffle' ? shuffle(events) : events;
    this.delivery.send(ordered.filter((e) => !e.dropped));
  }

  private newDelivery(): WebhookDelivery {
    return new WebhookDelivery({
      endpoints: () => Object.values(this.state.webhook_endpoints),
      record: (attempt) => {
        this.state.deliveries.push(attempt);
        this.store.persist();
      },
      faults: this.faults,
      timeFactor: this.opts.timeFactor,
      log: this.opts.log,
    });
  }

  private ensureConfiguredEndpoint(): void {
    if (this.opts.webhookUrl) ensureConfiguredEndpoint(this, this.opts.webhookUrl, this.opts.webhookSecret);
  }

  // The checkout pages' engine.

  getCheckoutSession(sessionId: string): CheckoutSessionView | null {
    return checkoutSessionView(this, sessionId);
  }

  checkoutTotals(sessionId: string, country: string): CheckoutTotals | null {
    return checkoutTotals(this, sessionId, country);
  }

  async payCheckoutSession(sessionId: string, input: PayInput): Promise<PayResult> {
    return this.runAction(() => payCheckoutSession(this, sessionId, input));
  }

  async completeThreeDs(sessionId: string, outcome: ThreeDsOutcome): Promise<PayResult> {
    return this.runAction(() => completeThreeDs(this, sessionId, outcome));
  }

  // Clock.

  clock(): { now: string; offset_seconds: number } {
    return { now: this.now(), offset_seconds: Math.round(this.state.clock_offset_ms / 1000) };
  }

  /** Moves the virtual clock forward, stopping at each billing date on the way so renewals carry their own dates. */
  advanceClock(seconds: number): { now: string; offset_seconds: number } {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('seconds must be a non-negative number');
    this.runAction(() => {
      const target = this.nowMs() + seconds * 1000;
      for (let next = nextBillingEventAt(this); next && Date.parse(next) <= target; next = nextBillingEventAt(this)) {
        this.setNow(Math.max(Date.parse(next), this.nowMs()));
        runDueBilling(this);
      }
      this.setNow(target);
      detectAbandonedCheckouts(this);
      cancelExpiredThreeDs(this);
    });
    return this.clock();
  }

  private setNow(ms: number): void {
    this.state.clock_offset_ms = ms - Date.now();
  }

  // Faults, events, deliveries.

  setFaults(patch: Partial<SandboxFaults>): SandboxFaults {
    Object.assign(this.faults, patch);
    return { ...this.faults };
  }

  /** With `signed`, each event carries the headers a delivery to that endpoint (default: the first one) would carry now. */
  events(opts: { signed?: boolean; endpointId?: string } = {}): SandboxEvent[] {
    const endpoint = opts.signed ? this.signingEndpoint(opts.endpointId) : null;
    return this.state.events.map((e) => ({
      webhook_id: e.webhook_id,
      type: e.type,
      created_at: e.created_at,
      dropped: e.dropped,
      payload: JSON.parse(e.body) as unknown,
      body: e.body,
      ...(endpoint ? { headers: signedHeaders(endpoint.secret, e.webhook_id, e.body) } : {}),
    }));
  }

  private signingEndpoint(endpointId: string | undefined): WebhookEndpointRecord {
    const endpoints = Object.values(this.state.webhook_endpoints);
    const endpoint = endpointId ? this.state.webhook_endpoints[endpointId] : (endpoints.find((e) => e.url === this.opts.webhookUrl) ?? endpoints[0]);
    if (!endpoint) throw new SandboxError(404, 'NOT_FOUND', endpointId ? `Webhook ${endpointId} not found` : 'No webhook endpoint to sign with');
    return endpoint;
  }

  deliveries(filter: { webhook_id?: string } = {}): DeliveryAttempt[] {
    return this.state.deliveries.filter((d) => !filter.webhook_id || d.webhook_id === filter.webhook_id);
  }

  /** Sends a recorded event again `count` times: same webhook-id and body, fresh timestamp and signature. */
  redeliver(webhookId: string, count = 1): boolean {
    const event = this.state.events.find((e) => e.webhook_id === webhookId);
    if (!event) return false;
    this.delivery.redeliver(event, count);
    return true;
  }

  openDispute(paymentId: string, outcome: DisputeOutcome | null): GetDispute {
    return this.runAction(() => openDispute(this, paymentId, outcome));
  }

  resolveDispute(disputeId: string, outcome: DisputeOutcome): GetDispute {
    return this.runAction(() => resolveDispute(this, disputeId, outcome));
  }

  flush(opts?: { retries?: boolean; timeoutMs?: number }): Promise<void> {
    return this.delivery.flush(opts);
  }

  /** Forgets everything (a new business), cancels pending retries and clears faults. */
  async reset(): Promise<void> {
    await this.delivery.stop();
    this.store.reset();
    Object.assign(this.faults, NO_FAULTS);
    this.delivery = this.newDelivery();
    this.runAction(() => this.ensureConfiguredEndpoint());
  }

  async stop(): Promise<void> {
    await this.delivery.stop();
    this.store.persist();
  }
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
