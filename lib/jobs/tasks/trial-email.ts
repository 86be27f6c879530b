// trial_started_email (subject: a subscription id) and trial_ending_email (subject: `sub_…:<trial end>`):
// a trial starts with a $0 payment and no receipt, so these say when it ends and what is charged then.
import { trialTerms } from '@/lib/billing/format';
import { isInTrial } from '@/lib/billing/trials';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import { extraSeatsCents, subscriptionSeats } from '@/lib/teams/workspaces';
import type { FulfilmentHandler } from '../kinds';
import { loadSubscription, loadUser, mailboxOf } from './subjects';

async function loadTrial(db: Parameters<FulfilmentHandler>[0]['db'], subjectId: string) {
  const subscription = await loadSubscription(db, subjectId.split(':')[0]);
  if (!subscription.userId) throw new Error(`subscription ${subscription.id} has no owner yet`);
  // What follows the trial is the plan's price plus the seats bought on top, as /billing says.
  const seats = subscription.plan?.includedSeats ? await subscriptionSeats(subscription.id, db) : null;
  const priced = subscription.plan && { ...subscription.plan, priceCents: subscription.plan.priceCents + extraSeatsCents(seats) };
  return { subscription, priced, to: mailboxOf(await loadUser(db, subscription.userId)), planName: subscription.plan?.name ?? 'your plan' };
}

export const sendTrialStartedEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const { subscription, priced, to, planName } = await loadTrial(db, fulfilment.subjectId);
  if (!subscription.trialEndsAt) return 'skipped: the subscription has no trial';
  const subject = `Your ${planName} trial has started`;
  const body = await renderMail({
    preview: subject,
    heading: subject,
    paragraphs: [`Your free trial of ${planName} has started. ${trialTerms(priced, subscription.trialEndsAt)}`],
    details: [{ label: 'Subscription', value: subscription.id }],
    action: { label: 'Manage or cancel it', href: `${config.appUrl}/billing` },
  });
  await sendMail(
    {
      to,
      subject,
      ...body,
      idempotencyKey: `trial_started_email:${subscription.id}`,
    },
    { db },
  );
  return `trial start for ${subscription.id} sent to ${to}`;
};

export const sendTrialEndingEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const { subscription, priced, to, planName } = await loadTrial(db, fulfilment.subjectId);
  if (!isInTrial(subscription) || subscription.cancelAtPeriodEnd) return 'skipped: the trial is over or cancelled';
  const subject = `Your ${planName} trial ends soon`;
  const body = await renderMail({
    preview: subject,
    heading: subject,
    paragraphs: [
      `Your free trial of ${planName} ends soon. ${trialTerms(priced, subscription.trialEndsAt!)}`,
      `To keep ${planName}, do nothing. To stop before the first charge, cancel on the billing page.`,
    ],
    details: [{ label: 'Subscription', value: subscription.id }],
    action: { label: 'Cancel or manage it', href: `${config.appUrl}/billing` },
  });
  await sendMail(
    {
      to,
      subject,
      ...body,
      idempotencyKey: `trial_ending_email:${fulfilment.subjectId}`,
    },
    { db },
  );
  return `trial ending notice for ${subscription.id} sent to ${to}`;
};
