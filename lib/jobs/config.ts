// Settings the worker reads once at start-up. Only DATABASE_URL is required: the worker runs without
// the Dodo keys the web app needs, so it validates its own few variables here (errors name the variable).
import { z } from 'zod';
import { ConfigError, type EnvSource } from '@/lib/env';

const schema = z.object({
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  CRM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type JobsConfig = {
  /** Links in emails point here (e.g. `${appUrl}/billing`). */
  appUrl: string;
  /** Where `crm_webhook` jobs POST; unset, they succeed without sending anything. */
  crmWebhookUrl: string | null;
};

export function readJobsConfig(source: EnvSource = process.env): JobsConfig {
  const trimmed = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, source[key]?.trim() || undefined]),
  );
  const result = schema.safeParse(trimmed);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return { appUrl: result.data.APP_URL.replace(/\/$/, ''), crmWebhookUrl: result.data.CRM_WEBHOOK_URL ?? null };
}
