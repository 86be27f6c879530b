// Sends events to every endpoint with Dodo's retry schedule, applies delivery faults, and logs every attempt.
import type { DeliveryAttempt, EventRecord, WebhookEndpointRecord } from '../core/state';
import { signedHeaders } from './signing';

/** Dodo's schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts). */
export const RETRY_DELAYS_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
const ATTEMPT_TIMEOUT_MS = 15_000;

export type DeliveryFaults = { fail_next_deliveries: number; delay_ms: number; duplicate_deliveries: number; concurrent_redeliveries: boolean };

export type DeliveryDeps = {
  endpoints: () => WebhookEndpointRecord[];
  record: (attempt: DeliveryAttempt) => void;
  faults: DeliveryFaults;
  /** Multiplies every retry delay (tests use e.g. 0.001). */
  timeFactor: number;
  log: (line: string) => void;
};

/** `copy`: an extra concurrent send from the `duplicate_deliveries` fault; it is logged but never retried. */
type Job = { event: EventRecord; endpointId: string; attempt: number; redelivery: boolean; copy?: boolean };

export class WebhookDelivery {
  /** First attempts run one after another, so a batch arrives in the order it was emitted (or re-ordered by a fault). */
  private queue: Promise<void> = Promise.resolve();
  private busy = 0;
  private readonly retryTimers = new Map<NodeJS.Timeout, number>();
  private stopped = false;

  constructor(private readonly deps: DeliveryDeps) {}

  /** Queues the first attempt of each event to each endpoint that subscribes to it (plus any `duplicate_deliveries`). */
  send(events: EventRecord[]): void {
    for (const event of events) {
      for (const endpoint of this.deps.endpoints().filter((e) => wants(e, event.type))) {
        const job: Job = { event, endpointId: endpoint.id, attempt: 1, redelivery: false };
        const duplicates = this.deps.faults.duplicate_deliveries;
        this.enqueue(async () => {
          await Promise.all([this.runAttempt(job), ...Array.from({ length: duplicates }, () => this.runAttempt({ ...job, copy: true }))]);
        });
      }
    }
  }

  /** Sends a recorded event `count` more times (same webhook-id and body): one after another, or all at once under `concurrent_redeliveries`. */
  redeliver(event: EventRecord, count: number): void {
    for (const endpoint of this.deps.endpoints().filter((e) => wants(e, event.type))) {
      const job: Job = { event, endpointId: endpoint.id, attempt: 1, redelivery: true };
      if (this.deps.faults.concurrent_redeliveries) {
        this.enqueue(async () => {
          await Promise.all(Array.from({ length: count }, () => this.runAttempt(job)));
        });
      } else {
        for (let i = 0; i < count; i += 1) this.enqueue(() => this.runAttempt(job));
      }
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.busy += 1;
    this.queue = this.queue
      .then(work)
      .catch((error: unknown) => this.deps.log(`delivery crashed: ${String(error)}`))
      .finally(() => (this.busy -= 1));
  }

  private scheduleRetry(job: Job): void {
    // Attempt n (1-based) is due RETRY_DELAYS_MS[n - 1] after the previous one failed.
    const delay = RETRY_DELAYS_MS[job.attempt - 1] * this.deps.timeFactor;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.busy += 1;
      void this.runAttempt(job)
        .catch((error: unknown) => this.deps.log(`delivery of ${job.event.webhook_id} crashed: ${String(error)}`))
        .finally(() => (this.busy -= 1));
    }, delay);
    timer.unref();
    this.retryTimers.set(timer, Date.now() + delay);
  }

  private async runAttempt(job: Job): Promise<void> {
    const endpoint = this.deps.endpoints().find((e) => e.id === job.endpointId);
    if (this.stopped || !endpoint || endpoint.disabled) return;
    if (this.deps.faults.delay_ms > 0) await sleep(this.deps.faults.delay_ms);
    const started = Date.now();
    const result = await this.post(endpoint, job.event);
    const attempt: DeliveryAttempt = {
      webhook_id: job.event.webhook_id,
      event_type: job.event.type,
      endpoint_id: endpoint.id,
      url: endpoint.url,
      attempt: job.attempt,
      redelivery: job.redelivery,
      status_code: result.status,
      latency_ms: Date.now() - started,
      error: result.error,
      succeeded: result.status !== null && result.status >= 200 && result.status < 300,
      attempted_at: new Date(started).toISOString(),
    };
    if (this.stopped) return;
    this.deps.record(attempt);
    this.deps.log(`${job.event.type} ${job.event.webhook_id} → ${endpoint.url} attempt ${job.attempt}: ${attempt.status_code ?? attempt.error}`);
    if (!attempt.succeeded && !job.copy && job.attempt < RETRY_DELAYS_MS.length) this.scheduleRetry({ ...job, attempt: job.attempt + 1 });
  }

  private async post(endpoint: WebhookEndpointRecord, event: EventRecord): Promise<{ status: number | null; error: string | null }> {
    if (this.deps.faults.fail_next_deliveries > 0) {
      this.deps.faults.fail_next_deliveries -= 1;
      return { status: null, error: 'injected by the fail_next_deliveries fault (not sent)' };
    }
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          ...endpoint.headers,
          'content-type': 'application/json',
          'user-agent': 'dodo-sandbox-webhooks',
          ...signedHeaders(endpoint.secret, event.webhook_id, event.body),
        },
        body: event.body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { status: null, error: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error) };
    }
  }

  /** Resolves once nothing is in flight or due now; with `retries`, also waits for every scheduled retry. */
  async flush(opts: { retries?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    const pending = () => this.busy > 0 || [...this.retryTimers.values()].some((due) => opts.retries || due <= Date.now());
    while (pending()) {
      if (Date.now() > deadline) throw new Error('Webhook deliveries did not settle before the flush timeout');
      await sleep(5);
    }
  }

  /** Cancels scheduled retries and lets in-flight attempts finish unrecorded (stop and reset). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers.keys()) clearTimeout(timer);
    this.retryTimers.clear();
    await this.queue;
  }
}

function wants(endpoint: WebhookEndpointRecord, type: string): boolean {
  return !endpoint.disabled && (!endpoint.filter_types?.length || endpoint.filter_types.includes(type));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
