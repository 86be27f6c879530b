// Mail settings, read from the environment on first use. Without SMTP_URL mail goes to the dev mailbox.
import { z } from 'zod';
import { ConfigError, type EnvSource } from '@/lib/env';

const schema = z.object({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL (smtps://user:pass@host:465)').optional(),
  MAIL_FROM: z.string().min(3).default('Dodo SaaS Starter <no-reply@localhost>'),
});

export type MailConfig = { smtpUrl: string | null; from: string };

export function readMailConfig(source: EnvSource = process.env): MailConfig {
  const result = schema.safeParse({ SMTP_URL: source.SMTP_URL?.trim() || undefined, MAIL_FROM: source.MAIL_FROM?.trim() || undefined });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return { smtpUrl: result.data.SMTP_URL ?? null, from: result.data.MAIL_FROM };
}

/** The mailbox page exists in development and tests, and in production only with DEV_MAILBOX=1 (e2e). */
export function isDevMailboxEnabled(source: EnvSource = process.env): boolean {
  return source.NODE_ENV !== 'production' || source.DEV_MAILBOX === '1';
}
