// onboarding_email (subject: a user id): the welcome on a user's first plan activation, sent once per user.
import { purchaseSummary } from '@/lib/billing/format';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import type { FulfilmentHandler } from '../kinds';
import { latestPaidPlan, loadPlan, loadUser, mailboxOf } from './subjects';

export const sendOnboardingEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const user = await loadUser(db, fulfilment.subjectId);
  const to = mailboxOf(user);
  const hinted = typeof fulfilment.payload.planId === 'string' ? fulfilment.payload.planId : null;
  const plan = (await loadPlan(db, hinted)) ?? (await latestPaidPlan(db, user.id));
  // Each product in its own words: "1,000 credits were added…", "Your Lifetime licence is ready…".
  const summary = plan ? purchaseSummary(plan) : { headline: 'Your purchase is active on your account.', useAt: { href: '/billing', label: 'See it on the billing page' } };
  const body = await renderMail({
    preview: summary.headline,
    heading: 'Welcome!',
    paragraphs: [`Hi ${user.name ?? 'there'},`, `${summary.headline} Here is where to start.`],
    action: { label: summary.useAt.label, href: `${config.appUrl}${summary.useAt.href}` },
    after: [`Billing and invoices: ${config.appUrl}/billing`, 'Reply to this email if anything is unclear.'],
  });
  await sendMail(
    {
      to,
      subject: `Welcome! ${summary.headline}`,
      ...body,
      idempotencyKey: `onboarding_email:${user.id}`,
    },
    { db },
  );
  return `welcome (${plan?.id ?? 'no plan'}) sent to ${to}`;
};
