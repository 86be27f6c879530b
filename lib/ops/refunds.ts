import 'server-only';
// Refunds issued by an operator. Dodo answers at once; the refund's effect on access arrives by
// webhook (refund.succeeded), like every other change of state.
import { APIError } from 'dodopayments';
import { getDodo } from '@/lib/dodo/client';
import { log } from './log';

export type RefundRequest = { paymentId: string; reason: string; actor: string } & ({ mode: 'full' } | { mode: 'partial'; amountCents: number });
export type RefundOutcome = { ok: true; refundId: string; status: string } | { ok: false; error: string };

export async function issueRefund(request: RefundRequest): Promise<RefundOutcome> {
  const dodo = getDodo();
  try {
    let items: { item_id: string; amount: number }[] | undefined;
    if (request.mode === 'partial') {
      // A partial refund names the line it comes from: the payment's (first) product.
      const payment = await dodo.payments.retrieve(request.paymentId);
      const productId = payment.product_cart?.[0]?.product_id;
      if (!productId) return { ok: false, error: 'This payment has no product line to refund part of.' };
      items = [{ item_id: productId, amount: request.amountCents }];
    }
    const refund = await dodo.refunds.create({ payment_id: request.paymentId, reason: request.reason, ...(items ? { items } : {}) });
    log.info({ paymentId: request.paymentId, refundId: refund.refund_id, actor: request.actor, mode: request.mode, amount: refund.amount }, 'refund issued by an operator');
    return { ok: true, refundId: refund.refund_id, status: refund.status };
  } catch (err) {
    const message = err instanceof APIError ? `Dodo answered ${err.status}: ${err.message}` : (err as Error).message;
    log.warn({ paymentId: request.paymentId, actor: request.actor, error: message }, 'refund refused');
    return { ok: false, error: message };
  }
}
