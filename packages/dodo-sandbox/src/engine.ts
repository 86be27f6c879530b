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

/** How the session asked the page to look (`customization.theme` and `theme_config`). */
export type CheckoutLook = {
  theme: 'dark' | 'light' | 'system';
  font_size: 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | null;
  font_weight: 'normal' | 'medium' | 'bold' | 'extraBold' | null;
  pay_button_text: string | null;
  radius: string | null;
  show_order_details: boolean;
};

export type CheckoutSessionView = {
  session_id: string;
  /** `update_payment_method`: a $0 session that only collects a new card for a subscription. */
  purpose: 'purchase' | 'update_payment_method';
  status: 'open' | 'succeeded' | 'expired';
  created_at: string;
  expires_at: string;
  /** Seconds until `expires_at` on the sandbox's (possibly advanced) clock: the page's timer counts down from it. */
  expires_in_seconds: number;
  look: CheckoutLook;
  /** Payment methods the page may offer (the emulated ones the session allows). */
  methods: ('card' | 'upi')[];
  /** The session explicitly allows Apple Pay or Google Pay: an inline page then hands the SDK wallet keys. */
  wallets: boolean;
  /** A payment waiting for the buyer's 3D Secure challenge. */
  pending_three_ds_payment_id: string | null;
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
export type CheckoutTotals = { subtotal: number; discount: number; tax: number; total: number; tax_rate: number; currency: string };

/**
 * Exactly one of `card_number` (spaces ignored) or `upi_id`; `email` is required when the session has no customer.
 * `three_ds` settles the 3D Secure challenge in the same call (the control API); without it a 3DS card stops at
 * `requires_customer_action` until `completeThreeDs`.
 */
export type PayInput = {
  three_ds?: ThreeDsOutcome;
  card_number?: string;
  upi_id?: string;
  email?: string;
  name?: string;
  billing_address?: { country: string; city?: string; state?: string; street?: string; zipcode?: string };
};

export type ThreeDsOutcome = 'pass' | 'fail' | 'cancel';

export type PayResult = {
  status: 'succeeded' | 'failed' | 'cancelled' | 'requires_customer_action';
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
  /** The buyer's answer to the 3D Secure challenge of the session's pending payment (409 when none is pending). */
  completeThreeDs(sessionId: string, outcome: ThreeDsOutcome): Promise<PayResult>;
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
