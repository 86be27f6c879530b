// receipt_email (subject: a payment id): the buyer's receipt with plan, amount, discount and payment id.
import { describeDiscounts, formatPrice } from '@/lib/billing/format';
import { invoicePath } from '@/lib/billing/invoices';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import type { FulfilmentHandler } from '../kinds';
import { loadPayment, loadUser, mailboxOf } from './subjects';

export const sendReceiptEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const payment = await loadPayment(db, fulfilment.subjectId);
  if (!payment.userId) throw new Error(`payment ${payment.id} has no buyer yet`);
  const to = mailboxOf(await loadUser(db, payment.userId));
  const amount = formatPrice(payment.amountCents, payment.currency);
  const planName = payment.plan?.name ?? 'your purchase';
  const body = await renderMail({
    preview: `Your receipt for ${planName}: ${amount}`,
    heading: 'Thank you for your payment',
    paragraphs: [`This is your receipt for ${planName}.`],
    details: [
      { label: 'Plan', value: planName },
      { label: 'Amount', value: amount },
      ...(payment.discounts.length ? [{ label: 'Discount', value: describeDiscounts(payment.discounts, payment.currency) }] : []),
      { label: 'Payment ID', value: payment.id },
      { label: 'Date', value: payment.createdAt.toISOString().slice(0, 10) },
      { label: 'Invoice (PDF)', value: `${config.appUrl}${invoicePath(payment.id)}` },
    ],
    action: { label: 'Your billing history', href: `${config.appUrl}/billing` },
  });
  await sendMail(
    {
      to,
      subject: `Receipt: ${planName}, ${amount}`,
      ...body,
      idempotencyKey: `receipt_email:${payment.id}`,
    },
    { db },
  );
  return `receipt for ${payment.id} sent to ${to}`;
};
