// A complete, valid configuration for the sandbox: tests of lib/env.ts and of what reads it start here.
export const SANDBOX_CONFIG = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  DODO_PAYMENTS_API_KEY: 'key',
  DODO_PAYMENTS_BASE_URL: 'http://127.0.0.1:8787',
  DODO_PAYMENTS_WEBHOOK_KEY: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
  AUTH_SECRET: 'x'.repeat(32),
  APP_URL: 'http://localhost:3000',
} as const;
