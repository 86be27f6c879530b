// Manual payment retries: `GET /payments/{id}/retry` (can it be sent again?) and `POST /payments/{id}/retry` (send it).
import type { ManualRetry, ManualRetryState } from 'dodopayments/resources/payments';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import type { Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import type { StoredPayment } from '../core/state';
import { getStoredPayment } from './payments';
import { chargeSubscription, recoverSubscription, savedInstrument } from './subscriptions';

/** Manual sends allowed per failed payment (a sandbox choice; Dodo reports the number as `sends_allowed`). */
const SENDS_ALLOWED = 3;

/** Why the payment cannot be sent again, or null when it can. */
function refusal(core: SandboxCore, payment: StoredPayment): string | null {
  if (payment.status !== 'failed') return 'PAYMENT_NOT_FAILED';
  const subscription = payment.subscription_id ? core.state.subscriptions[payment.subscription_id] : undefined;
  if (!subscription) return 'NOT_A_SUBSCRIPTION_PAYMENT';
  if (subscription.status !== 'past_due' && subscription.status !== 'on_hold') return 'SUBSCRIPTION_NOT_OVERDUE';
  if ((core.state.manual_retries[payment.payment_id]?.sends_used ?? 0) >= SENDS_ALLOWED) return 'RETRY_LIMIT_REACHED';
  return null;
}

function retryState(core: SandboxCore, payment: StoredPayment): ManualRetryState {
  const reason = refusal(core, payment);
  return {
    can_retry: reason === null,
    sends_allowed: SENDS_ALLOWED,
    sends_used: core.state.manual_retries[payment.payment_id]?.sends_used ?? 0,
    reason,
    retry_available_at: reason === null ? core.now() : null,
  };
}

function retry(core: SandboxCore, failed: StoredPayment): ManualRetry {
  const reason = refusal(core, failed);
  if (reason) throw new SandboxError(reason === 'RETRY_LIMIT_REACHED' ? 429 : 422, reason, `Payment ${failed.payment_id} cannot be retried: ${reason}`);
  const subscription = core.state.subscriptions[failed.subscription_id as string];
  const record = (core.state.manual_retries[failed.payment_id] ??= { invoice_id: newId(ID_PREFIX.invoice), sends_used: 0 });
  record.sends_used += 1;
  const payment = chargeSubscription(core, subscription, failed.line_items, savedInstrument(core, subscription), { metadata: failed.metadata, retryAttempt: record.sends_used });
  if (payment.status === 'succeeded') recoverSubscription(core, subscription, payment);
  return {
    invoice_id: record.invoice_id,
    is_manual_retry: true,
    payment_id: payment.payment_id,
    retry_attempt: record.sends_used,
    sends_allowed: SENDS_ALLOWED,
    sends_used: record.sends_used,
    retry_available_at: record.sends_used < SENDS_ALLOWED ? core.now() : null,
    status: payment.status ?? null,
  };
}

export function registerPaymentRetryRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/payments/:id/retry', ({ params }) => retryState(core, getStoredPayment(core, params.id)))
    .post('/payments/:id/retry', ({ params }) => retry(core, getStoredPayment(core, params.id)));
}
