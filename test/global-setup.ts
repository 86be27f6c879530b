// One real PostgreSQL and one sandbox for the whole Vitest run (DATABASE_URL when set, else embedded).
import type { TestProject } from 'vitest/node';
import { startStack } from '../scripts/lib/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dodoApiKey: string;
    dodoBaseUrl: string;
    webhookSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack({
    appUrl: 'http://127.0.0.1:3999',
    // Tests deliver webhooks themselves; the sandbox's own deliveries go nowhere.
    given: { APP_URL: 'http://127.0.0.1:9' },
    sandboxOptions: { timeFactor: 0.001 },
  });
  project.provide('databaseUrl', stack.env.DATABASE_URL);
  project.provide('dodoApiKey', stack.env.DODO_PAYMENTS_API_KEY);
  project.provide('dodoBaseUrl', stack.env.DODO_PAYMENTS_BASE_URL);
  project.provide('webhookSecret', stack.env.DODO_PAYMENTS_WEBHOOK_KEY);
  return async () => {
    await stack.stop();
  };
}
