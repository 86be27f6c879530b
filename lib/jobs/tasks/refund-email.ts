// refund_email (subject: a refund id): tells the buyer what was refunded, how much, and what it means for access.
import { eq } from 'drizzle-orm';
import { refunds } from '@/db/schema';
import { formatPrice, planFullName } from '@/lib/billing/format';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import { MissingSubjectError, type FulfilmentHandler } from '../kinds';
import { loadPayment, loadUser, mailboxOf } from './subjects';

export const sendRefundEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, fulfilment.subjectId));
  if (!refund) throw new MissingSubjectError(`refund ${fulfilment.subjectId}`);
  // A refund can arrive before its payment: the buyer is known once the payment is stored (a retry).
  const payment = await loadPayment(db, refund.paymentId);
  if (!payment.userId) throw new Error(`payment ${payment.id} of refund ${refund.id} has no buyer yet`);
  const to = mailboxOf(await loadUser(db, payment.userId));
  const amount = formatPrice(refund.amountCents, refund.currency);
  const what = payment.plan ? planFullName(payment.plan) : 'your purchase';
  const full = refund.amountCents >= payment.amountCents;
  const ended = full && payment.plan?.kind !== 'subscription';
  const body = await renderMail({
    preview: `${amount} refunded for ${what}`,
    heading: 'Your refund is on its way',
    paragraphs: [
      `We refunded ${amount} of your ${formatPrice(payment.amountCents, payment.currency)} payment for ${what}.`,
      'It reaches your card or account within 5 to 10 business days, depending on your bank.',
      ...(ended ? [`The access this payment bought has ended${payment.plan?.issuesLicenseKey ? ' and its licence key is disabled' : ''}.`] : []),
    ],
    details: [
      { label: 'Payment ID', value: payment.id },
      { label: 'Refund ID', value: refund.id },
    ],
    action: { label: 'Your billing history', href: `${config.appUrl}/billing` },
  });
  await sendMail(
    {
      to,
      subject: `Refund: ${what}, ${amount}`,
      ...body,
      idempotencyKey: `refund_email:${refund.id}`,
    },
    { db },
  );
  return `refund ${refund.id} email sent to ${to}`;
};
