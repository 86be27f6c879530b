import { describe, expect, it } from 'vitest';
import { SANDBOX_CONFIG as valid } from '@/test/config';
import {
  isDevMailboxEnabled,
  jobsConfig,
  logLevelFromEnv,
  mailConfig,
  parseEnv,
  poolSizeFromEnv,
  preparedStatementsFromEnv,
  readGivenEnv,
  requireDirectDatabaseUrl,
  VARIABLE_NAMES,
} from './env';

describe('the whole configuration', () => {
  it('accepts a complete sandbox configuration and fills in the defaults', () => {
    const config = parseEnv(valid);
    expect(config.dodoMode).toBe('sandbox');
    expect(config).toMatchObject({ DATABASE_PREPARED_STATEMENTS: true, GRAPHILE_WORKER_SCHEMA: 'graphile_worker', PORT: 3000, SANDBOX_PORT: 8787 });
  });

  it('accepts real Dodo test mode', () => {
    const { DODO_PAYMENTS_BASE_URL: _, ...rest } = valid;
    expect(parseEnv({ ...rest, DODO_PAYMENTS_ENVIRONMENT: 'test_mode' }).dodoMode).toBe('test_mode');
  });

  it.each(Object.keys(valid).filter((k) => k !== 'DODO_PAYMENTS_BASE_URL'))('names %s when it is missing', (name) => {
    const source: Record<string, string> = { ...valid };
    delete source[name];
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Invalid configuration[^]*\\n  ${name} is missing`));
  });

  it.each([
    ['AUTH_SECRET', 'short', /AUTH_SECRET must be at least 32 characters/],
    ['DODO_PAYMENTS_WEBHOOK_KEY', 'nonsense', /DODO_PAYMENTS_WEBHOOK_KEY must be a Standard Webhooks secret/],
    ['DODO_PAYMENTS_BASE_URL', 'not a url', /DODO_PAYMENTS_BASE_URL must be an http/],
    ['DATABASE_URL', 'mysql://db', /DATABASE_URL must be a postgres:\/\/ connection URL/],
    ['DATABASE_DIRECT_URL', 'localhost:5432', /DATABASE_DIRECT_URL must be a postgres:\/\/ connection URL/],
    ['APP_URL', 'ftp://example.com', /APP_URL must be an http/],
    ['SMTP_URL', 'http://mail.example.com', /SMTP_URL must be an smtp:\/\//],
    ['CRM_WEBHOOK_URL', 'crm', /CRM_WEBHOOK_URL must be an http/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['PORT', 'eighty', /PORT must be a port number/],
    ['SANDBOX_PORT', '70000', /SANDBOX_PORT must be a port number/],
    ['GRAPHILE_WORKER_SCHEMA', 'jobs; drop table users', /GRAPHILE_WORKER_SCHEMA must be a plain lower-case identifier/],
    ['DEV_MAILBOX', 'yes', /DEV_MAILBOX must be 1 or unset/],
    ['BENCH_REQUESTS', '-5', /BENCH_REQUESTS must be a positive whole number/],
  ])('names %s when its value is malformed', (name, value, message) => {
    expect(() => parseEnv({ ...valid, [name]: value })).toThrow(message);
  });

  it('names every bad variable at once, one per line', () => {
    const { DATABASE_URL: _, ...rest } = valid;
    expect(() => parseEnv({ ...rest, AUTH_SECRET: 'short', DODO_PAYMENTS_WEBHOOK_KEY: 'nonsense' })).toThrow(
      /\n  DATABASE_URL is missing\n  DODO_PAYMENTS_WEBHOOK_KEY must be[^\n]*\n  AUTH_SECRET must be/,
    );
  });

  it('rejects a base URL together with an environment, as the SDK would', () => {
    expect(() => parseEnv({ ...valid, DODO_PAYMENTS_ENVIRONMENT: 'test_mode' })).toThrow(/DODO_PAYMENTS_BASE_URL must not be set together/);
  });

  it('requires a mode when neither is set', () => {
    const { DODO_PAYMENTS_BASE_URL: _, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrow(/DODO_PAYMENTS_ENVIRONMENT is required/);
  });

  it('treats a blank value as missing', () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: '  ' })).toThrow(/AUTH_SECRET is missing/);
  });

  it('drops a trailing slash from APP_URL, so links never carry a double slash', () => {
    expect(parseEnv({ ...valid, APP_URL: 'https://shop.example.com/' }).APP_URL).toBe('https://shop.example.com');
  });
});

describe('the views that read a few variables', () => {
  it('reads DATABASE_PREPARED_STATEMENTS as true or false, and names it when it is neither', () => {
    expect(preparedStatementsFromEnv({})).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'false' })).toBe(false);
    expect(() => preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be true or false/);
  });

  it('reads DATABASE_POOL_SIZE as a positive whole number up to 500, 20 when unset, and names it otherwise', () => {
    expect(poolSizeFromEnv({})).toBe(20);
    expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '5' })).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'many', '501']) expect(() => poolSizeFromEnv({ DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE must be/);
  });

  it('gives migrations and the worker DATABASE_DIRECT_URL, else DATABASE_URL', () => {
    expect(requireDirectDatabaseUrl({ DATABASE_URL: 'postgres://pooler/db' })).toBe('postgres://pooler/db');
    expect(requireDirectDatabaseUrl({ DATABASE_URL: 'postgres://pooler/db', DATABASE_DIRECT_URL: 'postgres://direct/db' })).toBe('postgres://direct/db');
    expect(() => requireDirectDatabaseUrl({})).toThrow(/DATABASE_URL is missing/);
  });

  it('mail goes to the dev mailbox without SMTP_URL, from the default sender', () => {
    expect(mailConfig({})).toEqual({ smtpUrl: null, from: 'Dodo SaaS Starter <no-reply@localhost>' });
    expect(mailConfig({ SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <hi@shop.example>' })).toEqual({
      smtpUrl: 'smtps://u:p@smtp.example.com:465',
      from: 'Shop <hi@shop.example>',
    });
  });

  it('serves the dev mailbox outside production, and in production only with DEV_MAILBOX=1', () => {
    expect(isDevMailboxEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production', DEV_MAILBOX: '1' })).toBe(true);
  });

  it('jobs link to APP_URL and post to the CRM only when CRM_WEBHOOK_URL is set', () => {
    expect(jobsConfig({ APP_URL: 'https://shop.example.com/' })).toEqual({ appUrl: 'https://shop.example.com', crmWebhookUrl: null });
    expect(() => jobsConfig({})).toThrow(/APP_URL is missing/);
  });

  it('logs nothing under tests unless LOG_LEVEL asks, and info elsewhere', () => {
    expect(logLevelFromEnv({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevelFromEnv({ NODE_ENV: 'production' })).toBe('info');
    expect(logLevelFromEnv({ NODE_ENV: 'test', LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('checks what `npm run dev` was given and leaves the rest for it to generate', () => {
    expect(readGivenEnv(VARIABLE_NAMES, {}).AUTH_SECRET).toBeUndefined();
    expect(readGivenEnv(VARIABLE_NAMES, { PORT: '4000', AUTH_SECRET: 'y'.repeat(40) })).toMatchObject({ PORT: 4000, AUTH_SECRET: 'y'.repeat(40), SANDBOX_PORT: 8787 });
    expect(() => readGivenEnv(VARIABLE_NAMES, { AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
});
