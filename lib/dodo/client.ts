// The official Dodo SDK, pointed at real Dodo (test or live mode) or at the sandbox through `baseURL`.
// No `server-only` guard: the worker runs reconciliation through this client outside Next; the key
// comes from lib/env.ts at run time and never reaches a browser bundle.
import DodoPayments from 'dodopayments';
import { env } from '@/lib/env';

export type DodoClientConfig = {
  DODO_PAYMENTS_API_KEY: string;
  DODO_PAYMENTS_BASE_URL?: string;
  DODO_PAYMENTS_ENVIRONMENT?: 'test_mode' | 'live_mode';
};

export function createDodoClient(config: DodoClientConfig) {
  return new DodoPayments({
    bearerToken: config.DODO_PAYMENTS_API_KEY,
    // Passing both a base URL and an environment makes the SDK throw "Ambiguous URL".
    ...(config.DODO_PAYMENTS_BASE_URL
      ? { baseURL: config.DODO_PAYMENTS_BASE_URL }
      : { environment: config.DODO_PAYMENTS_ENVIRONMENT ?? 'live_mode' }),
    maxRetries: 2,
    timeout: 15_000,
  });
}

let client: DodoPayments | undefined;

/** The process's one Dodo client, configured from the validated environment. */
export function getDodo(): DodoPayments {
  client ??= createDodoClient(env());
  return client;
}
