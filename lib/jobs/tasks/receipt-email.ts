// receipt_email (subject: a payment id): the buyer's receipt with plan, amount, discount and payment id.
import { describeDiscounts, formatPrice } from '@/lib/billing/format';
import { invoicePath } from '@/lib/billing/invoices';
import { sendMail } from '@/lib/mail/send';
import type { FulfilmentHandler } from '../kinds';
import { loadPayment, loadUser, mailboxOf } from './subjects';

export const sendReceiptEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const payment = await loadPayment(db, fulfilment.subjectId);
  if (!payment.userId) throw new Error(`payment ${payment.id} has no buyer yet`);
  const to = mailboxOf(await loadUser(db, payment.userId));
  const amount = formatPrice(payment.amountCents, payment.currency);
  const planName = payment.plan?.name ?? 'your purchase';
  await sendMail(
    {
      to,
      subject: `Receipt: ${planName}, ${amount}`,
      text: [
        'Thank you for your payment.',
        '',
        `Plan: ${planName}`,
        `Amount: ${amount}`,
        ...(payment.discounts.length ? [`Discount: ${describeDiscounts(payment.discounts, payment.currency)}`] : []),
        `Payment ID: ${payment.id}`,
        `Date: ${payment.createdAt.toISOString().slice(0, 10)}`,
        `Invoice (PDF): ${config.appUrl}${invoicePath(payment.id)}`,
        '',
        `Your billing history: ${config.appUrl}/billing`,
      ].join('\n'),
      idempotencyKey: `receipt_email:${payment.id}`,
    },
    { db },
  );
  return `receipt for ${payment.id} sent to ${to}`;
};
