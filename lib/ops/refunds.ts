import 'server-only';
// Refunds issued by an operator from the payment's page. Dodo answers at once; the refund's effect on
// access arrives by webhook (refund.succeeded), like every other change of state.
import { APIError } from 'dodopayments';
import { issueRefund as requestRefund } from '@/lib/billing/refunds';
import { getDodo } from '@/lib/dodo/client';
import { log } from '@/lib/log';

export type RefundRequest = { paymentId: string; reason: string; actor: string } & ({ mode: 'full' } | { mode: 'partial'; amountCents: number });
export type RefundOutcome = { ok: true; refundId: string; status: string } | { ok: false; error: string };

export async function issueRefund(request: RefundRequest): Promise<RefundOutcome> {
  try {
    const refund = await requestRefund(getDodo(), {
      paymentId: request.paymentId,
      reason: request.reason,
      amountCents: request.mode === 'partial' ? request.amountCents : undefined,
    });
    log.info({ paymentId: request.paymentId, refundId: refund.refund_id, actor: request.actor, mode: request.mode, amount: refund.amount }, 'refund issued by an operator');
    return { ok: true, refundId: refund.refund_id, status: refund.status };
  } catch (err) {
    const message = err instanceof APIError ? `Dodo answered ${err.status}: ${err.message}` : (err as Error).message;
    log.warn({ paymentId: request.paymentId, actor: request.actor, error: message }, 'refund refused');
    return { ok: false, error: message };
  }
}
