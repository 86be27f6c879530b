// dunning_email (subject: `sub_…`, optionally `sub_…:<episode>` so each failed renewal mails once):
// "your renewal failed, fix your payment method". Skipped if the subscription is active again by then.
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import type { FulfilmentHandler } from '../kinds';
import { loadSubscription, loadUser, mailboxOf } from './subjects';

export const sendDunningEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const subscriptionId = fulfilment.subjectId.split(':')[0];
  const subscription = await loadSubscription(db, subscriptionId);
  if (subscription.status === 'active') return 'skipped: the subscription is active again';
  if (!subscription.userId) throw new Error(`subscription ${subscription.id} has no owner yet`);
  const to = mailboxOf(await loadUser(db, subscription.userId));
  const planName = subscription.plan?.name ?? 'your subscription';
  const body = await renderMail({
    preview: `Action needed: your ${planName} renewal did not go through`,
    heading: `Your ${planName} renewal failed`,
    paragraphs: [`We could not renew ${planName}: the payment did not go through.`, 'Please fix your payment method to keep access.'],
    action: { label: 'Fix your payment method', href: `${config.appUrl}/billing` },
    details: [{ label: 'Subscription', value: subscription.id }],
  });
  await sendMail(
    {
      to,
      subject: `Your ${planName} renewal failed`,
      ...body,
      idempotencyKey: `dunning_email:${fulfilment.subjectId}`,
    },
    { db },
  );
  return `dunning notice for ${subscription.id} sent to ${to}`;
};
