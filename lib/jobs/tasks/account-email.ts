// account_email (subject: one request, `acct_…`): a single-use link (verifying an address, resetting a
// password, signing in, confirming a new address) or a note. The token is made here, so only its hash
// is ever stored, never the link.
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { AccountEmailPayload, ACCOUNT_EMAILS } from '@/lib/auth/account-email';
import { issueToken } from '@/lib/auth/tokens';
import { sendMail } from '@/lib/mail/send';
import { renderMail } from '@/lib/mail/templates/mail-layout';
import type { FulfilmentHandler } from '../kinds';
import { loadUser } from './subjects';

export const sendAccountEmail: FulfilmentHandler = async ({ fulfilment, db, config }) => {
  const { purpose, userId, email } = AccountEmailPayload.parse(fulfilment.payload);
  const message = ACCOUNT_EMAILS[purpose];
  const user = userId ? await loadUser(db, userId) : (await db.select().from(users).where(eq(users.email, email)))[0];
  // An anonymous request for an address without an account ends here: the form answered the same.
  if (!user) return `not sent: no account for this address`;
  // The link is bound to the address it was asked for: after an email change it would not work anyway.
  if (message.recipient === 'account' && user.email !== email) return `not sent: the account's email changed since`;
  const { token: tokenTerms, path, label } = message.action;
  const token = tokenTerms ? await issueToken(tokenTerms.purpose, user.id, email, tokenTerms.ttlMs, db) : null;
  const href = `${config.appUrl}${path}${token ? `?${new URLSearchParams({ token })}` : ''}`;
  const body = await renderMail({
    preview: message.intro,
    heading: message.subject,
    paragraphs: [`Hi ${user.name ?? 'there'},`, message.intro],
    action: { label, href },
    after: message.after(config.appUrl),
  });
  const { sent } = await sendMail({ to: email, subject: message.subject, ...body, idempotencyKey: `account_email:${fulfilment.subjectId}` }, { db });
  return sent ? `${purpose} email sent to ${email}` : `${purpose} email already sent to ${email}`;
};
