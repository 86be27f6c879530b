import { describe, expect, it } from 'vitest';
import { parseEnv, preparedStatementsFromEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  DODO_PAYMENTS_API_KEY: 'key',
  DODO_PAYMENTS_BASE_URL: 'http://127.0.0.1:8787',
  DODO_PAYMENTS_WEBHOOK_KEY: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
  AUTH_SECRET: 'x'.repeat(32),
  APP_URL: 'http://localhost:3000',
};

describe('configuration', () => {
  it('accepts a complete sandbox configuration', () => {
    expect(parseEnv(valid).dodoMode).toBe('sandbox');
  });

  it('accepts real Dodo test mode', () => {
    const { DODO_PAYMENTS_BASE_URL: _, ...rest } = valid;
    expect(parseEnv({ ...rest, DODO_PAYMENTS_ENVIRONMENT: 'test_mode' }).dodoMode).toBe('test_mode');
  });

  it.each(Object.keys(valid).filter((k) => k !== 'DODO_PAYMENTS_BASE_URL'))('names %s when it is missing', (name) => {
    const source: Record<string, string> = { ...valid };
    delete source[name];
    if (name === 'DODO_PAYMENTS_ENVIRONMENT') return;
    expect(() => parseEnv(source)).toThrow(new RegExp(`${name} is missing`));
  });

  it('names a malformed value', () => {
    expect(() => parseEnv({ ...valid, DODO_PAYMENTS_WEBHOOK_KEY: 'not-a-secret' })).toThrow(/DODO_PAYMENTS_WEBHOOK_KEY must be/);
    expect(() => parseEnv({ ...valid, DODO_PAYMENTS_ENVIRONMENT: 'prod' })).toThrow(/DODO_PAYMENTS_ENVIRONMENT/);
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

  it('reads DATABASE_PREPARED_STATEMENTS as true or false, and names it when it is neither', () => {
    expect(preparedStatementsFromEnv({})).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'false' })).toBe(false);
    expect(() => preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be true or false/);
  });
});
