// Invoices: `GET /invoices/payments/{payment_id}` and `GET /invoices/refunds/{refund_id}` answer a PDF, as Dodo's do.
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { RawReply, notFound, type Router } from '../core/http';
import { formatMoney } from '../checkout/format';
import { renderTextPdf } from '../invoices/pdf';
import { getStoredPayment } from './payments';

function pdfReply(fileName: string, lines: string[]): RawReply {
  return new RawReply(200, 'application/pdf', renderTextPdf(lines), { 'content-disposition': `inline; filename="${fileName}.pdf"` });
}

function paymentInvoice(core: SandboxCore, paymentId: string): RawReply {
  const payment = getStoredPayment(core, paymentId);
  // Dodo issues an invoice only for a payment that succeeded.
  if (payment.status !== 'succeeded' || !payment.invoice_id) throw new SandboxError(404, 'NOT_FOUND', `Payment ${paymentId} has no invoice (status ${payment.status})`);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  return pdfReply(payment.invoice_id, [
    `Invoice ${payment.invoice_id}`,
    'Dodo Payments sandbox (test mode) - merchant of record',
    `Date: ${payment.created_at.slice(0, 10)}`,
    `Payment: ${payment.payment_id}`,
    `Billed to: ${payment.customer.name} <${payment.customer.email}>, ${payment.billing.country}`,
    '',
    ...payment.line_items.map((line) => `${line.name} x ${line.quantity}: ${money(line.amount)} + tax ${money(line.tax)}`),
    '',
    `Subtotal: ${money(payment.total_amount - (payment.tax ?? 0))}`,
    `Tax: ${money(payment.tax ?? 0)}`,
    `Total paid: ${money(payment.total_amount)} ${payment.currency}`,
  ]);
}

function refundInvoice(core: SandboxCore, refundId: string): RawReply {
  const refund = core.state.refunds[refundId];
  if (!refund) throw notFound('Refund', refundId);
  const currency = refund.currency ?? 'USD';
  return pdfReply(refund.refund_id, [
    `Credit note for refund ${refund.refund_id}`,
    'Dodo Payments sandbox (test mode) - merchant of record',
    `Date: ${refund.created_at.slice(0, 10)}`,
    `Payment: ${refund.payment_id}`,
    `Customer: ${refund.customer.name} <${refund.customer.email}>`,
    `Refunded: ${formatMoney(refund.amount ?? 0, currency)} ${currency} (${refund.status})`,
    ...(refund.reason ? [`Reason: ${refund.reason}`] : []),
  ]);
}

export function registerInvoiceRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/invoices/payments/:payment_id', ({ params }) => paymentInvoice(core, params.payment_id))
    .get('/invoices/refunds/:refund_id', ({ params }) => refundInvoice(core, params.refund_id));
}
