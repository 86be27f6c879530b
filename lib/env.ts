// Every variable of the app, the worker, mail, jobs and the scripts, validated here and nowhere else.
// `env()` is the whole configuration, checked once at start-up (instrumentation.ts, the worker, the
// migrations, `npm run dev`); the small views below read the few variables a module needs before (or
// without) the rest. Every error names the variable to fix.
import { z } from 'zod';

export type EnvSource = Record<string, string | undefined>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL');
const port = z.coerce.number('must be a port number').int('must be a port number').min(1, 'must be a port number').max(65535, 'must be a port number');
const wholeNumber = z.coerce.number('must be a whole number').int('must be a whole number').nonnegative('must be a whole number');
const count = z.coerce.number('must be a positive whole number').int('must be a positive whole number').positive('must be a positive whole number');
const trueOrFalse = z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true');
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent');

const variables = {
  // Database
  DATABASE_URL: postgresUrl,
  /** A direct (unpooled) connection for LISTEN/NOTIFY and migrations; defaults to DATABASE_URL. */
  DATABASE_DIRECT_URL: postgresUrl.optional(),
  /** `false` behind a pooler in transaction mode, which cannot keep a connection's prepared statements. */
  DATABASE_PREPARED_STATEMENTS: trueOrFalse.default(true),
  /**
   * Connections each app process keeps. A fresh webhook holds one for its transaction's round trips, so
   * under load the pool, not the CPU, capped one instance at 10 (bench: docs/benchmark.md).
   */
  DATABASE_POOL_SIZE: count.max(500, 'must be at most 500').default(20),
  /**
   * Webhook deliveries one app process works on at once; the next is answered 503 with Retry-After (Dodo
   * retries it later) instead of queueing for a database connection without bound. 64 is about three times the
   * pool: under the bench's overload, 256 let acknowledgements reach p99 25 s and nginx answer 502s; 64 kept
   * them to 16 s and 503s only.
   */
  WEBHOOK_MAX_IN_FLIGHT: count.max(100_000, 'must be at most 100000').default(64),
  /** graphile-worker's own variable; interpolated into SQL, so a plain identifier only. */
  GRAPHILE_WORKER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a plain lower-case identifier').default('graphile_worker'),

  // Dodo Payments
  DODO_PAYMENTS_API_KEY: z.string().min(1, 'is required (a Dodo API key, or the sandbox key that `npm run dev` sets)'),
  DODO_PAYMENTS_ENVIRONMENT: z.enum(['test_mode', 'live_mode'], 'must be test_mode or live_mode').optional(),
  DODO_PAYMENTS_BASE_URL: httpUrl.optional(),
  // Several, comma-separated, while a rotation overlaps: a delivery signed with any of them verifies.
  DODO_PAYMENTS_WEBHOOK_KEY: z
    .string()
    .regex(/^\s*whsec_[A-Za-z0-9+/=]+\s*(,\s*whsec_[A-Za-z0-9+/=]+\s*)*$/, 'must be a Standard Webhooks secret starting with whsec_ (several: comma-separated)'),

  // Sign-in and operators
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
  /** The app's public URL, without a trailing slash: return URLs and links in emails start with it. */
  APP_URL: httpUrl.transform((v) => v.replace(/\/+$/, '')),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  /** Operators: comma-separated emails, compared case-insensitively. Unset: nobody can open /admin. */
  ADMIN_EMAILS: z.string().optional(),

  // Mail and jobs
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL (smtps://user:pass@host:465)').optional(),
  MAIL_FROM: z.string().min(3, 'must be an address such as "Shop <no-reply@example.com>"').default('Dodo SaaS Starter <no-reply@localhost>'),
  CRM_WEBHOOK_URL: httpUrl.optional(),
  /** `1` serves /dev/mail in a production build (the e2e tests); never on a public deployment. */
  DEV_MAILBOX: z.literal('1', 'must be 1 or unset').optional(),
  /** `1` mounts the benchmark-only routes (`npm run bench`). */
  BENCHMARK_ROUTES: z.literal('1', 'must be 1 or unset').optional(),
  LOG_LEVEL: logLevel.optional(),
  /** Days the webhook delivery log and the rejection counters are kept; the worker prunes older rows daily. */
  RETENTION_DAYS: count.default(30),
  /** Next's own; read here only to choose defaults (dev mailbox, log level). */
  NODE_ENV: z.string().optional(),

  // `npm run dev` and the scripts
  PORT: port.default(3000),
  SANDBOX_PORT: port.default(8787),
  SANDBOX_API_KEY: z.string().optional(),
  DEV_DATA_DIR: z.string().optional(),
  XDG_DATA_HOME: z.string().optional(),

  // `npm run bench`
  BENCH_REQUESTS: count.default(2000),
  BENCH_CONCURRENCY: count.default(16),
  BENCH_PURCHASES: count.default(60),
  BENCH_ROUNDS: count.default(4),
  BENCH_SKIP_BUILD: z.literal('1', 'must be 1 or unset').optional(),
  /** `npm run lighthouse`: 1 reuses the current production build in .next. */
  LIGHTHOUSE_SKIP_BUILD: z.literal('1', 'must be 1 or unset').optional(),
  BENCH_PROFILE: z.literal('1', 'must be 1 or unset').optional(),
  /** Rows that may be skipped with 0: clicks in Chromium, and the 2+2 stack's rate and duration. */
  BENCH_CLICKS: wholeNumber.default(15),
  BENCH_STACK_RATE: wholeNumber.default(10_000),
  BENCH_STACK_SECONDS: wholeNumber.default(180),
};

type Variables = typeof variables;
export type VariableName = keyof Variables;
type Values<K extends VariableName> = { [P in K]: z.output<Variables[P]> };

export class ConfigError extends Error {
  constructor(problems: { name: string; message: string }[]) {
    super(`Invalid configuration (see .env.example):\n${problems.map((p) => `  ${p.name} ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The one error formatter: zod's issues as "NAME what is wrong", one line each. */
function configErrorOf(issues: z.ZodError['issues'], input: EnvSource): ConfigError {
  return new ConfigError(
    issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return { name, message: issue.code === 'invalid_type' && input[name] === undefined ? 'is missing' : issue.message };
    }),
  );
}

/** Blank counts as unset: `.env.example` is copied with every variable present and empty. */
function present(source: EnvSource, names: readonly string[]) {
  return Object.fromEntries(names.map((name) => [name, source[name]?.trim() || undefined]));
}

/** Reads and validates a few variables (uncached, so tests may change them between calls). */
export function readEnv<const K extends VariableName>(names: readonly K[], source: EnvSource = process.env): Values<K> {
  const shape = Object.fromEntries(names.map((name) => [name, variables[name]]));
  const input = present(source, names);
  const result = z.object(shape).safeParse(input);
  if (!result.success) throw configErrorOf(result.error.issues, input);
  return result.data as Values<K>;
}

/**
 * The variables that are set, each validated; an unset one takes its default, or stays undefined even
 * when the whole configuration requires it. `npm run dev` checks what it was given before generating the rest.
 */
export function readGivenEnv<const K extends VariableName>(names: readonly K[], source: EnvSource = process.env): Partial<Values<K>> {
  const shape = Object.fromEntries(names.map((name) => [name, variables[name]]));
  const input = present(source, names);
  const result = z.object(shape).partial().safeParse(input);
  if (!result.success) throw configErrorOf(result.error.issues, input);
  return result.data as Partial<Values<K>>;
}

/** Every variable this module knows, for checking all that is set at once. */
export const VARIABLE_NAMES = Object.keys(variables) as VariableName[];

const wholeConfiguration = z.object(variables).superRefine((v, ctx) => {
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

export type AppEnv = z.output<typeof wholeConfiguration> & { dodoMode: 'sandbox' | 'test_mode' | 'live_mode' };

/** Validates the whole configuration; throws a ConfigError naming each bad variable. */
export function parseEnv(source: EnvSource): AppEnv {
  const input = present(source, Object.keys(variables));
  const result = wholeConfiguration.safeParse(input);
  if (!result.success) throw configErrorOf(result.error.issues, input);
  const v = result.data;
  return { ...v, dodoMode: v.DODO_PAYMENTS_BASE_URL ? 'sandbox' : (v.DODO_PAYMENTS_ENVIRONMENT ?? 'live_mode') };
}

let cached: AppEnv | undefined;

/** The whole configuration, validated on first use (so `next build` needs none of it). */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The log level (the logger starts before, and without, the rest of the configuration). */
export function logLevelFromEnv(source: EnvSource = process.env): z.output<typeof logLevel> {
  const { LOG_LEVEL, NODE_ENV } = readEnv(['LOG_LEVEL', 'NODE_ENV'], source);
  return LOG_LEVEL ?? (NODE_ENV === 'test' ? 'silent' : 'info');
}

/** One variable, validated once per value it takes: for reads on a webhook's path that tests may still change. */
function readOncePerValue<const K extends VariableName>(name: K) {
  let seen: { raw: string | undefined; value: Values<K>[K] } | undefined;
  return (source: EnvSource = process.env): Values<K>[K] => {
    const raw = source[name];
    if (!seen || seen.raw !== raw) seen = { raw, value: readEnv([name], source)[name] };
    return seen.value;
  };
}

/** GRAPHILE_WORKER_SCHEMA: every enqueue in a webhook's transaction names it. */
export const jobQueueSchemaFromEnv = readOncePerValue('GRAPHILE_WORKER_SCHEMA');

/** WEBHOOK_MAX_IN_FLIGHT: every delivery checks it. */
export const webhookMaxInFlightFromEnv = readOncePerValue('WEBHOOK_MAX_IN_FLIGHT');

/** CRM_WEBHOOK_URL: every paid webhook asks whether to queue a CRM call. */
export const crmWebhookUrlFromEnv = readOncePerValue('CRM_WEBHOOK_URL');

export function preparedStatementsFromEnv(source: EnvSource = process.env): boolean {
  return readEnv(['DATABASE_PREPARED_STATEMENTS'], source).DATABASE_PREPARED_STATEMENTS;
}

export function poolSizeFromEnv(source: EnvSource = process.env): number {
  return readEnv(['DATABASE_POOL_SIZE'], source).DATABASE_POOL_SIZE;
}

/** The web app's database URL (may point at a pooler). */
export function requireDatabaseUrl(source: EnvSource = process.env): string {
  return readEnv(['DATABASE_URL'], source).DATABASE_URL;
}

/** DATABASE_URL when one is given (validated); undefined means: start an embedded PostgreSQL. */
export function givenDatabaseUrl(source: EnvSource = process.env): string | undefined {
  return readGivenEnv(['DATABASE_URL'], source).DATABASE_URL;
}

/** A direct connection for the worker's LISTEN/NOTIFY and for migrations, which a transaction-mode pooler breaks. */
export function requireDirectDatabaseUrl(source: EnvSource = process.env): string {
  const { DATABASE_URL, DATABASE_DIRECT_URL } = readEnv(['DATABASE_URL', 'DATABASE_DIRECT_URL'], source);
  return DATABASE_DIRECT_URL ?? DATABASE_URL;
}

export type MailConfig = { smtpUrl: string | null; from: string };

/** Without SMTP_URL mail goes to the dev mailbox. */
export function mailConfig(source: EnvSource = process.env): MailConfig {
  const { SMTP_URL, MAIL_FROM } = readEnv(['SMTP_URL', 'MAIL_FROM'], source);
  return { smtpUrl: SMTP_URL ?? null, from: MAIL_FROM };
}

/** The mailbox page exists in development and tests, and in production only with DEV_MAILBOX=1 (e2e). */
export function isDevMailboxEnabled(source: EnvSource = process.env): boolean {
  const { NODE_ENV, DEV_MAILBOX } = readEnv(['NODE_ENV', 'DEV_MAILBOX'], source);
  return NODE_ENV !== 'production' || DEV_MAILBOX === '1';
}

export type JobsConfig = {
  /** Links in emails point here (e.g. `${appUrl}/billing`). */
  appUrl: string;
  /** Where `crm_webhook` jobs POST; unset, webhooks queue none (and any queued earlier send nothing). */
  crmWebhookUrl: string | null;
};

export function jobsConfig(source: EnvSource = process.env): JobsConfig {
  const { APP_URL, CRM_WEBHOOK_URL } = readEnv(['APP_URL', 'CRM_WEBHOOK_URL'], source);
  return { appUrl: APP_URL, crmWebhookUrl: CRM_WEBHOOK_URL ?? null };
}
