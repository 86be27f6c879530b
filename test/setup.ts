import { inject } from 'vitest';

// The configuration the app reads through lib/env.ts, pointing at this run's database and sandbox.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.DODO_PAYMENTS_API_KEY = inject('dodoApiKey');
process.env.DODO_PAYMENTS_BASE_URL = inject('dodoBaseUrl');
process.env.DODO_PAYMENTS_WEBHOOK_KEY = inject('webhookSecret');
process.env.AUTH_SECRET = 'test-auth-secret-that-is-at-least-32-characters';
process.env.APP_URL = 'http://127.0.0.1:3999';
