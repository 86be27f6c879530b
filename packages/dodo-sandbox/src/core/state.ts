// Everything the sandbox knows, as one JSON-serialisable object; persisted atomically when a state file is set.
import fs from 'node:fs';
import path from 'node:path';
import type { GetDispute } from 'dodopayments/resources/disputes';
import type { LicenseKey } from 'dodopayments/resources/license-keys';
import type { LicenseKeyInstance } from 'dodopayments/resources/license-key-instances';
import type { BillingAddress, Payment } from 'dodopayments/resources/payments';
import type { Product } from 'dodopayments/resources/products/products';
import type { Refund } from 'dodopayments/resources/refunds';
import type { AttachAddon, Subscription } from 'dodopayments/resources/subscriptions';
import type { Customer } from 'dodopayments/resources/customers/customers';
import type { WebhookDetails } from 'dodopayments/resources/webhooks/webhooks';
import type { Meter } from 'dodopayments/resources/meters';
import type { AddonResponse } from 'dodopayments/resources/addons';
import type { Discount } from 'dodopayments/resources/discounts';
import type { Event as UsageEvent } from 'dodopayments/resources/usage-events';
import type { CustomerWallet } from 'dodopayments/resources/customers/wallets/wallets';
import type { CustomerWalletTransaction } from 'dodopayments/resources/customers/wallets/ledger-entries';
import type { Metadata } from 'dodopayments/resources/misc';
import { ID_PREFIX, newId } from './ids';
import type { TestInstrument } from './test-instruments';
import type { CheckoutLook } from '../engine';

/** One priced line of a payment; `items_id` is the product id, as refund `items[].item_id` expects. */
export type PaymentLineItem = {
  items_id: string;
  name: string;
  description: string | null;
  quantity: number;
  /** Net of tax, minor units. */
  amount: number;
  tax: number;
};

/** A payment as stored: refunds, disputes and refund_status are derived when it is read. */
export type StoredPayment = Omit<Payment, 'refunds' | 'disputes' | 'refund_status'> & { line_items: PaymentLineItem[] };

/** Dodo keeps archived products; `archived` is the sandbox's own flag and never leaves the API. */
export type StoredProduct = Product & { archived: boolean };

export type StoredRefund = Refund & { item_amounts: { item_id: string; amount: number }[] };

/** A saved test instrument; the card number is kept so renewals re-evaluate the test-card table. */
export type PaymentMethodRecord = {
  payment_method_id: string;
  customer_id: string;
  instrument: TestInstrument;
  created_at: string;
};

export type CheckoutPurpose = { kind: 'purchase' } | { kind: 'update_payment_method'; subscription_id: string };

export type StoredCheckoutSession = {
  session_id: string;
  created_at: string;
  expires_at: string;
  purpose: CheckoutPurpose;
  product_cart: { product_id: string; quantity: number; amount: number | null; addons?: AttachAddon[] }[];
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  always_create_new_customer: boolean;
  billing_address: BillingAddress | null;
  currency: string;
  return_url: string | null;
  cancel_url: string | null;
  metadata: Metadata;
  /** Overrides each recurring product's own trial when set (`subscription_data.trial_period_days`). */
  trial_period_days: number | null;
  status: 'open' | 'succeeded';
  payment_id: string | null;
  subscription_ids: string[];
  last_error: { code: string; message: string } | null;
  // Optional so state files written by earlier versions still load.
  look?: CheckoutLook;
  methods?: ('card' | 'upi')[];
  wallets?: boolean;
  /** Discount ids from `discount_codes`, in order of application. */
  discount_ids?: string[];
  force_3ds?: boolean;
  on_demand?: { mandate_only: boolean; product_price: number | null; product_description: string | null } | null;
  /** A 3DS card's payment waiting for the challenge, with the instrument and billing it will settle with. */
  pending_three_ds?: { payment_id: string; instrument: TestInstrument; billing: BillingAddress } | null;
  /** Set when `abandoned_checkout.detected` was sent for this session. */
  abandoned_at?: string | null;
};

export type WebhookEndpointRecord = WebhookDetails & { secret: string; headers: Record<string, string> };

/** One emitted event; `body` is the signed envelope, frozen when the event happened (retries resend it). */
export type EventRecord = {
  webhook_id: string;
  type: string;
  created_at: string;
  body: string;
  dropped: boolean;
};

export type DeliveryAttempt = {
  webhook_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  attempt: number;
  redelivery: boolean;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  succeeded: boolean;
  attempted_at: string;
};

/** A failed renewal being retried (`past_due`) or waiting for a new payment method (`on_hold`). */
export type DunningRecord = {
  subscription_id: string;
  started_at: string;
  /** Retries made so far (the failed renewal itself is attempt 0). */
  retries: number;
  /** When the next automatic retry is due; null once the subscription is on hold. */
  next_retry_at: string | null;
  last_payment_id: string;
};

export type PortalSession = { token: string; customer_id: string; return_url: string | null; created_at: string };

export type SandboxState = {
  business_id: string;
  brand_id: string;
  /** Virtual clock: milliseconds added to the wall clock. */
  clock_offset_ms: number;
  products: Record<string, StoredProduct>;
  customers: Record<string, Customer>;
  checkout_sessions: Record<string, StoredCheckoutSession>;
  payments: Record<string, StoredPayment>;
  subscriptions: Record<string, Subscription>;
  refunds: Record<string, StoredRefund>;
  disputes: Record<string, GetDispute>;
  license_keys: Record<string, LicenseKey>;
  license_key_instances: Record<string, LicenseKeyInstance>;
  payment_methods: Record<string, PaymentMethodRecord>;
  webhook_endpoints: Record<string, WebhookEndpointRecord>;
  portal_sessions: Record<string, PortalSession>;
  dunning: Record<string, DunningRecord>;
  /** Manual sends (`POST /payments/{id}/retry`) per failed payment. */
  manual_retries: Record<string, { invoice_id: string; sends_used: number }>;
  /** `archived` is the sandbox's own flag and never leaves the API. */
  meters: Record<string, Meter & { archived: boolean }>;
  usage_events: UsageEvent[];
  addons: Record<string, AddonResponse>;
  discounts: Record<string, Discount>;
  /** Keyed `${customer_id}:${currency}`. */
  wallets: Record<string, CustomerWallet>;
  wallet_ledger: CustomerWalletTransaction[];
  /** `${customer_id}:${idempotency_key}` → the ledger entry it created. */
  wallet_idempotency_keys: Record<string, string>;
  events: EventRecord[];
  deliveries: DeliveryAttempt[];
};

function emptyState(): SandboxState {
  return {
    business_id: newId(ID_PREFIX.business),
    brand_id: newId(ID_PREFIX.brand),
    clock_offset_ms: 0,
    products: {},
    customers: {},
    checkout_sessions: {},
    payments: {},
    subscriptions: {},
    refunds: {},
    disputes: {},
    license_keys: {},
    license_key_instances: {},
    payment_methods: {},
    webhook_endpoints: {},
    portal_sessions: {},
    dunning: {},
    manual_retries: {},
    meters: {},
    usage_events: [],
    addons: {},
    discounts: {},
    wallets: {},
    wallet_ledger: [],
    wallet_idempotency_keys: {},
    events: [],
    deliveries: [],
  };
}

/** Holds the state in memory and, given a file, rewrites it (tmp file + rename) after each change. */
export class StateStore {
  state: SandboxState;

  constructor(private readonly file: string | undefined) {
    this.state = file && fs.existsSync(file) ? { ...emptyState(), ...(JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxState) } : emptyState();
  }

  persist(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, this.file);
  }

  reset(): void {
    this.state = emptyState();
    this.persist();
  }
}
