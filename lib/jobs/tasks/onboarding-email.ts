// onboarding_email (subject: a user id): the welcome on a user's first plan activation, sent once per user.
import { sendMail } from '@/lib/mail/send';
import type { FulfilmentHandler } from '../kinds';
import { latestPaidPlan, loadPlan, loadUser, mailboxOf } from './subjects';

export const sendOnboardingEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const user = await loadUser(db, fulfilment.subjectId);
  const to = mailboxOf(user);
  const hinted = typeof fulfilment.payload.planId === 'string' ? fulfilment.payload.planId : null;
  const plan = (await loadPlan(db, hinted)) ?? (await latestPaidPlan(db, user.id));
  const planName = plan?.name ?? 'your plan';
  await sendMail(
    {
      to,
      subject: `Welcome to ${planName}`,
      text: [
        `Hi ${user.name ?? 'there'},`,
        '',
        `${plan ? plan.name : 'Your plan'} is active on your account. Here is where to start:`,
        `  Your workspace: ${config.appUrl}/pro`,
        `  Billing and invoices: ${config.appUrl}/billing`,
        '',
        'Reply to this email if anything is unclear.',
      ].join('\n'),
      idempotencyKey: `onboarding_email:${user.id}`,
    },
    { db },
  );
  return `welcome (${planName}) sent to ${to}`;
};
