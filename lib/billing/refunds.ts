// Issuing a refund (an operator's act). Dodo answers at once; the refund's effect on access arrives,
// like everything else, by webhook (refund.succeeded).
import type DodoPayments from 'dodopayments';

export type RefundRequest = { paymentId: string; amountCents?: number; reason?: string };

/** A full refund, or a partial one of `amountCents` taken from the payment's first line. */
export async function issueRefund(client: DodoPayments, req: RefundRequest) {
  if (req.amountCents === undefined) {
    return client.refunds.create({ payment_id: req.paymentId, reason: req.reason ?? null });
  }
  if (!Number.isInteger(req.amountCents) || req.amountCents <= 0) throw new Error('amount must be a positive number of cents');
  const payment = await client.payments.retrieve(req.paymentId);
  const line = payment.product_cart?.[0];
  if (!line) throw new Error(`payment ${req.paymentId} has no line to refund from`);
  return client.refunds.create({
    payment_id: req.paymentId,
    items: [{ item_id: line.product_id, amount: req.amountCents }],
    reason: req.reason ?? null,
  });
}
