// The contract between the sandbox's core (state, payments, webhooks) and its checkout pages.

export type CheckoutLineView = {
  product_id: string;
  name: string;
  quantity: number;
  /** Minor units (cents). */
  unit_price: number;
  is_subscription: boolean;
  interval?: 'Month' | 'Year';
  trial_period_days: number;
};

export type CheckoutSessionView = {
  session_id: string;
  status: 'open' | 'succeeded' | 'expired';
  product_cart: CheckoutLineView[];
  currency: string;
  customer: { email: string; name: string } | null;
  billing_country: string | null;
  return_url: string | null;
  cancel_url: string | null;
  payment_id: string | null;
  subscription_id: string | null;
  last_error: { code: string; message: string } | null;
};

/** Amounts in minor units; `tax_rate` is a percentage (18 means 18 %). Trial lines count as 0. */
export type CheckoutTotals = { subtotal: number; tax: number; total: number; tax_rate: number; currency: string };

/** Exactly one of `card_number` (spaces ignored) or `upi_id`; `email` is required when the session has no customer. */
export type PayInput = {
  card_number?: string;
  upi_id?: string;
  email?: string;
  name?: string;
  billing_address?: { country: string; city?: string; state?: string; street?: string; zipcode?: string };
};

export type PayResult = {
  status: 'succeeded' | 'failed';
  payment_id: string;
  subscription_id: string | null;
  error_code: string | null;
  error_message: string | null;
  redirect_url: string | null;
};

export interface SandboxEngine {
  getCheckoutSession(sessionId: string): CheckoutSessionView | null;
  checkoutTotals(sessionId: string, country: string): CheckoutTotals | null;
  /** Throws a `SandboxError` (`.status` 404 unknown session, 409 already paid or expired, 422 invalid input). */
  payCheckoutSession(sessionId: string, input: PayInput): Promise<PayResult>;
}

/** An error the HTTP layer turns into `{ code, message }` with this status. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
