// Sending mail once per idempotency key: through SMTP when SMTP_URL is set, else into the dev mailbox table.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { getDb, type Executor } from '@/db';
import { mailMessages } from '@/db/schema';
import { mailConfig, type MailConfig } from '@/lib/env';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The same key never sends twice (e.g. `receipt_email:pay_…`). */
  idempotencyKey: string;
};

export type SendResult = { messageId: string; sent: boolean };

const transports = new Map<string, Transporter>();
function smtpTransport(url: string) {
  let transport = transports.get(url);
  if (!transport) transports.set(url, (transport = nodemailer.createTransport(url)));
  return transport;
}

/**
 * Sends one message, at most once per idempotency key (`sent: false` when it already went out).
 * The mailbox is exactly-once (one insert). SMTP is at-least-once only across a crash between the
 * hand-off and recording it; the Message-ID derived from the key lets receiving servers drop the copy.
 */
export async function sendMail(
  mail: OutgoingMail,
  opts: { db?: Executor; config?: MailConfig } = {},
): Promise<SendResult> {
  const db = opts.db ?? getDb();
  const config = opts.config ?? mailConfig();
  const viaSmtp = Boolean(config.smtpUrl);
  const [created] = await db
    .insert(mailMessages)
    .values({
      idempotencyKey: mail.idempotencyKey,
      to: mail.to,
      from: config.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      transport: viaSmtp ? 'smtp' : 'mailbox',
      status: viaSmtp ? 'sending' : 'sent',
      sentAt: viaSmtp ? null : sql`now()`,
    })
    .onConflictDoNothing({ target: mailMessages.idempotencyKey })
    .returning();
  const message = created ?? (await db.select().from(mailMessages).where(eq(mailMessages.idempotencyKey, mail.idempotencyKey)))[0];
  if (!created && message.status === 'sent') return { messageId: message.id, sent: false };
  if (message.transport === 'mailbox') return { messageId: message.id, sent: true };
  if (!config.smtpUrl) throw new Error(`message ${message.id} was queued for SMTP but SMTP_URL is no longer set`);

  const info = await smtpTransport(config.smtpUrl).sendMail({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? undefined,
    messageId: `<${createHash('sha256').update(mail.idempotencyKey).digest('hex').slice(0, 32)}@${domainOf(message.from)}>`,
  });
  await db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: sql`now()`, providerMessageId: String(info.messageId ?? '') || null })
    .where(eq(mailMessages.id, message.id));
  return { messageId: message.id, sent: true };
}

function domainOf(address: string) {
  return /@([^>\s]+)/.exec(address)?.[1] ?? 'localhost';
}
