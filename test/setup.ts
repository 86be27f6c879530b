import { inject } from 'vitest';

// The configuration the app reads through lib/env.ts, pointing at this run's database and sandbox.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.DODO_PAYMENTS_API_KEY = inject('dodoApiKey');
process.env.DODO_PAYMENTS_BASE_URL = inject('dodoBaseUrl');
process.env.DODO_PAYMENTS_WEBHOOK_KEY = inject('webhookSecret');
process.env.AUTH_SECRET = 'test-auth-secret-that-is-at-least-32-characters';
process.env.APP_URL = 'http://127.0.0.1:3999';
// The one address ADMIN_EMAILS lists in tests (lib/auth/accounts.test.ts): promoted only once verified.
process.env.ADMIN_EMAILS = 'listed-operator@example.test';
