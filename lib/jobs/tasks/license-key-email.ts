// license_key_email (subject: a licence key id): the key itself, to the buyer of the payment it came with.
import { eq } from 'drizzle-orm';
import { licenseKeys, payments } from '@/db/schema';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import { MissingSubjectError, type FulfilmentHandler } from '../kinds';
import { loadUser, mailboxOf } from './subjects';

export const sendLicenseKeyEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const [key] = await db.select().from(licenseKeys).where(eq(licenseKeys.id, fulfilment.subjectId));
  if (!key) throw new MissingSubjectError(`licence key ${fulfilment.subjectId}`);
  // The key can arrive before its payment: the owner then comes from the payment, or on a retry.
  const [payment] = key.userId ? [] : await db.select({ userId: payments.userId }).from(payments).where(eq(payments.id, key.paymentId));
  const userId = key.userId ?? payment?.userId;
  if (!userId) throw new Error(`licence key ${key.id} has no owner yet (payment ${key.paymentId} not applied)`);
  const to = mailboxOf(await loadUser(db, userId));
  const body = await renderMail({
    preview: 'Your licence key for the desktop app',
    heading: 'Your licence key',
    paragraphs: ['Here is your licence key. Paste it into the desktop app when it asks for one.'],
    code: key.key,
    after: [
      key.activationsLimit ? `It can be activated on up to ${key.activationsLimit} devices.` : 'It has no activation limit.',
      key.expiresAt ? `It is valid until ${key.expiresAt.toISOString().slice(0, 10)}.` : 'It does not expire.',
    ],
    action: { label: 'See it any time', href: `${config.appUrl}/license` },
  });
  await sendMail(
    {
      to,
      subject: 'Your licence key',
      ...body,
      idempotencyKey: `license_key_email:${key.id}`,
    },
    { db },
  );
  return `licence key ${key.id} sent to ${to}`;
};
