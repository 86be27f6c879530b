import DodoPayments from 'dodopayments';

export type DodoClientConfig = {
  DODO_PAYMENTS_API_KEY: string;
  DODO_PAYMENTS_BASE_URL?: string;
  DODO_PAYMENTS_ENVIRONMENT?: 'test_mode' | 'live_mode';
};

/** The official SDK, pointed at real Dodo (test or live mode) or at the sandbox through `baseURL`. */
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
