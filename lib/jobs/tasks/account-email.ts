// account_email (subject: one request, `acct_…`): a single-use link, such as the one that verifies an
// address. The token is made here, so only its hash is ever stored, never the link.
import { AccountEmailPayload, ACCOUNT_EMAILS } from '@/lib/auth/account-email';
import { issueToken } from '@/lib/auth/tokens';
import { sendMail } from '@/lib/mail/send';
import type { FulfilmentHandler } from '../kinds';
import { loadUser, mailboxOf } from './subjects';

export const sendAccountEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const { purpose, userId, email } = AccountEmailPayload.parse(fulfilment.payload);
  const user = await loadUser(db, userId);
  // The link is bound to the address it was asked for: after an email change it would not work anyway.
  if (mailboxOf(user) !== email) return `not sent: the account's email changed since`;
  const message = ACCOUNT_EMAILS[purpose];
  const token = await issueToken(purpose, user.id, email, message.ttlMs, db);
  const link = `${config.appUrl}${message.path}?${new URLSearchParams({ token })}`;
  const { sent } = await sendMail(
    { to: email, subject: message.subject, text: [`Hi ${user.name ?? 'there'},`, '', ...message.body(link)].join('\n'), idempotencyKey: `account_email:${fulfilment.subjectId}` },
    { db },
  );
  return sent ? `${purpose} link sent to ${email}` : `${purpose} link already sent to ${email}`;
};
