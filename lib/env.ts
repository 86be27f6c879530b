// Configuration is read and validated here, once; every error names the variable to fix.
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent');

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
    DODO_PAYMENTS_API_KEY: z.string().min(1, 'is required (a Dodo API key, or the sandbox key that `npm run dev` sets)'),
    DODO_PAYMENTS_ENVIRONMENT: z.enum(['test_mode', 'live_mode']).optional(),
    DODO_PAYMENTS_BASE_URL: url.optional(),
    DODO_PAYMENTS_WEBHOOK_KEY: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be a Standard Webhooks secret starting with whsec_'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
    APP_URL: url,
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    /** Operators: comma-separated emails, compared case-insensitively. Unset: nobody can open /admin. */
    ADMIN_EMAILS: z.string().optional(),
    LOG_LEVEL: logLevel.optional(),
  })
  .superRefine((v, ctx) => {
    // An OAuth provider is offered only with both halves of its credentials; half a pair is a typo.
    for (const [id, secret] of [
      ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
      ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
    ] as const) {
      if (Boolean(v[id]) !== Boolean(v[secret])) {
        const missing = v[id] ? secret : id;
        ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${missing === id ? secret : id} is set` });
      }
    }
    if (v.DODO_PAYMENTS_ENVIRONMENT && v.DODO_PAYMENTS_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DODO_PAYMENTS_BASE_URL'],
        message: 'must not be set together with DODO_PAYMENTS_ENVIRONMENT (the Dodo SDK rejects the pair as ambiguous)',
      });
    }
    if (!v.DODO_PAYMENTS_ENVIRONMENT && !v.DODO_PAYMENTS_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DODO_PAYMENTS_ENVIRONMENT'],
        message: 'is required: test_mode or live_mode for real Dodo (or set DODO_PAYMENTS_BASE_URL for the sandbox)',
      });
    }
  });

export type EnvSource = Record<string, string | undefined>;

export type AppEnv = z.infer<typeof schema> & { dodoMode: 'sandbox' | 'test_mode' | 'live_mode' };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function blankToUndefined(source: EnvSource) {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key]?.trim();
    out[key] = value ? value : undefined;
  }
  return out;
}

/** Validates a set of variables; throws a ConfigError listing each bad variable by name. */
export function parseEnv(source: EnvSource): AppEnv {
  const result = schema.safeParse(blankToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
      return `  ${name} ${message}`;
    });
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const v = result.data;
  return { ...v, dodoMode: v.DODO_PAYMENTS_BASE_URL ? 'sandbox' : (v.DODO_PAYMENTS_ENVIRONMENT ?? 'live_mode') };
}

let cached: AppEnv | undefined;

/** The validated configuration, read on first use (so `next build` needs none of it). */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The log level alone (the logger starts before, and without, the rest of the configuration). */
export function logLevelFromEnv(source: EnvSource = process.env): z.infer<typeof logLevel> {
  const value = source.LOG_LEVEL?.trim();
  if (!value) return source.NODE_ENV === 'test' ? 'silent' : 'info';
  const parsed = logLevel.safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid configuration (see .env.example):\n  LOG_LEVEL ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/**
 * DATABASE_PREPARED_STATEMENTS: `false` when a connection pooler in transaction mode sits in front of
 * PostgreSQL (it cannot keep a connection's prepared statements). Default `true`.
 */
export function preparedStatementsFromEnv(source: EnvSource = process.env): boolean {
  const value = source.DATABASE_PREPARED_STATEMENTS?.trim();
  if (!value || value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(`Invalid configuration (see .env.example):\n  DATABASE_PREPARED_STATEMENTS must be true or false, got "${value}"`);
}

/** Only the database URL: scripts and the worker need it before anything else is configured. */
export function requireDatabaseUrl(): string {
  const value = process.env.DATABASE_URL?.trim();
  if (!value) throw new ConfigError('Invalid configuration (see .env.example):\n  DATABASE_URL is missing');
  return value;
}
