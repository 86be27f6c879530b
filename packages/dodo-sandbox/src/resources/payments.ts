// Payments: `GET /payments`, `GET /payments/{id}`, `GET /payments/{id}/line-items`; recording charges for the other resources.
import type { Customer } from 'dodopayments/resources/customers/customers';
import type { DiscountDetail } from 'dodopayments/resources/discounts';
import type { Dispute } from 'dodopayments/resources/disputes';
import type { Metadata } from 'dodopayments/resources/misc';
import type { BillingAddress, Payment, PaymentListResponse, PaymentRetrieveLineItemsResponse, RefundListItem } from 'dodopayments/resources/payments';
import type { SandboxCore, WebhookData } from '../core/context';
import { notFound, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { CURRENCIES, INTENT_STATUSES } from '../core/enums';
import { createdWithin, enumFilter, newestFirst, paginate } from '../core/pagination';
import { lineTotal } from '../core/pricing';
import type { PaymentLineItem, StoredPayment } from '../core/state';
import { instrumentDetails, type ChargeOutcome, type TestInstrument } from '../core/test-instruments';
import { customerLimitedDetails } from './customers';

type PaymentInput = {
  customer: Customer;
  billing: BillingAddress;
  currency: string;
  line_items: PaymentLineItem[];
  metadata: Metadata;
  instrument: TestInstrument;
  outcome: ChargeOutcome;
  payment_method_id: string | null;
  subscription_ids: string[];
  checkout_session_id: string | null;
  is_update_payment_method: boolean;
  /** 0 for the first try of a renewal (and every other payment), n for its n-th automatic retry. */
  retry_attempt?: number;
  /** Wallet credit that paid part of the lines; the payment's total is what is left. */
  wallet_credit?: number;
  status?: 'processing' | 'requires_customer_action';
  discounts?: DiscountDetail[];
};

/** Every billing key present (null when unknown): the webhook schema requires them all. */
export function completeBilling(billing: Partial<BillingAddress> & { country: BillingAddress['country'] }): BillingAddress {
  return {
    country: billing.country,
    city: billing.city ?? null,
    state: billing.state ?? null,
    street: billing.street ?? null,
    zipcode: billing.zipcode ?? null,
  };
}

export function recordPayment(core: SandboxCore, input: PaymentInput): StoredPayment {
  const now = core.now();
  const total = input.line_items.reduce((sum, line) => sum + lineTotal(line), 0) - (input.wallet_credit ?? 0);
  const tax = input.line_items.reduce((sum, line) => sum + line.tax, 0);
  const succeeded = input.outcome.ok && !input.status;
  const payment: StoredPayment = {
    payment_id: newId(ID_PREFIX.payment),
    business_id: core.state.business_id,
    brand_id: core.state.brand_id,
    created_at: now,
    updated_at: now,
    status: input.status ?? (succeeded ? 'succeeded' : 'failed'),
    billing: input.billing,
    currency: input.currency as Payment['currency'],
    customer: customerLimitedDetails(input.customer),
    metadata: input.metadata,
    total_amount: total,
    tax,
    settlement_amount: total,
    settlement_tax: tax,
    settlement_currency: input.currency as Payment['currency'],
    payment_provider: 'dodo',
    digital_products_delivered: false,
    is_multi_subscription: input.subscription_ids.length > 1,
    is_update_payment_method: input.is_update_payment_method,
    retry_attempt: input.retry_attempt ?? 0,
    subscription_ids: input.subscription_ids,
    subscription_id: input.subscription_ids[0] ?? null,
    checkout_session_id: input.checkout_session_id,
    product_cart: input.line_items.map((line) => ({ product_id: line.items_id, quantity: line.quantity })),
    ...instrumentDetails(input.instrument),
    card_holder_name: input.instrument.kind === 'card' ? input.customer.name : null,
    card_issuing_country: input.instrument.kind === 'card' ? input.billing.country : null,
    payment_method_id: input.payment_method_id,
    error_code: input.outcome.ok || input.status ? null : input.outcome.error_code,
    error_message: input.outcome.ok || input.status ? null : input.outcome.error_message,
    invoice_id: succeeded ? newId(ID_PREFIX.invoice) : null,
    invoice_url: null,
    payment_link: null,
    discount_id: input.discounts?.[0]?.discount_id ?? null,
    discounts: input.discounts?.length ? input.discounts : null,
    custom_field_responses: null,
    line_items: input.line_items,
  };
  core.state.payments[payment.payment_id] = payment;
  return payment;
}

export function getStoredPayment(core: SandboxCore, paymentId: string): StoredPayment {
  const payment = core.state.payments[paymentId];
  if (!payment) throw notFound('Payment', paymentId);
  return payment;
}

function refundedAmount(core: SandboxCore, paymentId: string): number {
  return Object.values(core.state.refunds)
    .filter((r) => r.payment_id === paymentId && r.status === 'succeeded')
    .reduce((sum, r) => sum + (r.amount ?? 0), 0);
}

function refundsOf(core: SandboxCore, paymentId: string): RefundListItem[] {
  return Object.values(core.state.refunds)
    .filter((r) => r.payment_id === paymentId)
    .map((r) => ({
      business_id: r.business_id,
      created_at: r.created_at,
      is_partial: r.is_partial,
      payment_id: r.payment_id,
      refund_id: r.refund_id,
      status: r.status,
      amount: r.amount ?? null,
      currency: r.currency ?? null,
      reason: r.reason ?? null,
    }));
}

function disputesOf(core: SandboxCore, paymentId: string): Dispute[] {
  return Object.values(core.state.disputes)
    .filter((d) => d.payment_id === paymentId)
    .map((d) => ({
      amount: d.amount,
      business_id: d.business_id,
      created_at: d.created_at,
      currency: d.currency,
      dispute_id: d.dispute_id,
      dispute_stage: d.dispute_stage,
      dispute_status: d.dispute_status,
      payment_id: d.payment_id,
      is_resolved_by_rdr: d.is_resolved_by_rdr ?? false,
      remarks: d.remarks ?? null,
    }));
}

/** The payment exactly as `GET /payments/{id}` answers it. */
function toPayment(core: SandboxCore, stored: StoredPayment): Payment {
  const { line_items: _lineItems, ...payment } = stored;
  const refunded = refundedAmount(core, stored.payment_id);
  return {
    ...payment,
    refunds: refundsOf(core, stored.payment_id),
    disputes: disputesOf(core, stored.payment_id),
    refund_status: refunded === 0 ? null : refunded >= stored.total_amount ? 'full' : 'partial',
  };
}

export function paymentEventData(core: SandboxCore, stored: StoredPayment): WebhookData & { payload_type: 'Payment' } {
  return { payload_type: 'Payment', ...toPayment(core, stored) };
}

/** What is still refundable on each line, after earlier refunds. */
export function lineItemsWithRefundable(core: SandboxCore, stored: StoredPayment): PaymentRetrieveLineItemsResponse.Item[] {
  const refunds = Object.values(core.state.refunds).filter((r) => r.payment_id === stored.payment_id && r.status === 'succeeded');
  return stored.line_items.map((line) => {
    const refunded = refunds.flatMap((r) => r.item_amounts).filter((i) => i.item_id === line.items_id).reduce((sum, i) => sum + i.amount, 0);
    return {
      items_id: line.items_id,
      name: line.name,
      description: line.description,
      amount: line.amount,
      tax: line.tax,
      refundable_amount: lineTotal(line) - refunded,
    };
  });
}

function toListItem(core: SandboxCore, stored: StoredPayment): PaymentListResponse {
  const payment = toPayment(core, stored);
  const latestDispute = payment.disputes.at(-1);
  return {
    brand_id: payment.brand_id,
    created_at: payment.created_at,
    currency: payment.currency,
    customer: payment.customer,
    digital_products_delivered: payment.digital_products_delivered,
    has_license_key: Object.values(core.state.license_keys).some((k) => k.payment_id === payment.payment_id),
    is_multi_subscription: payment.is_multi_subscription,
    metadata: payment.metadata,
    payment_id: payment.payment_id,
    payment_provider: payment.payment_provider,
    subscription_ids: payment.subscription_ids,
    total_amount: payment.total_amount,
    card_last_four: payment.card_last_four ?? null,
    card_network: payment.card_network ?? null,
    dispute_status: latestDispute?.dispute_status ?? null,
    invoice_id: payment.invoice_id ?? null,
    invoice_url: payment.invoice_url ?? null,
    payment_method: payment.payment_method ?? null,
    payment_method_type: payment.payment_method_type ?? null,
    refund_status: payment.refund_status ?? null,
    status: payment.status ?? null,
    subscription_id: payment.subscription_id ?? null,
  };
}

export function registerPaymentRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/payments', ({ query }) => {
      const filters = {
        customer_id: query.get('customer_id'),
        status: enumFilter(query, 'status', INTENT_STATUSES),
        subscription_id: query.get('subscription_id'),
        product_id: query.get('product_id'),
        currency: enumFilter(query, 'currency', CURRENCIES),
      };
      const payments = newestFirst(Object.values(core.state.payments)).filter(
        (p) =>
          (!filters.customer_id || p.customer.customer_id === filters.customer_id) &&
          (!filters.status || p.status === filters.status) &&
          (!filters.subscription_id || p.subscription_ids.includes(filters.subscription_id)) &&
          (!filters.product_id || p.line_items.some((l) => l.items_id === filters.product_id)) &&
          (!filters.currency || p.currency === filters.currency) &&
          createdWithin(query, p.created_at),
      );
      return paginate(
        payments.map((p) => toListItem(core, p)),
        query,
      );
    })
    .get('/payments/:id', ({ params }) => toPayment(core, getStoredPayment(core, params.id)))
    .get('/payments/:id/line-items', ({ params }) => {
      const stored = getStoredPayment(core, params.id);
      return { currency: stored.currency, items: lineItemsWithRefundable(core, stored) } satisfies PaymentRetrieveLineItemsResponse;
    });
}
