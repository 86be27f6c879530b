// Refunds: `POST /refunds` (whole payment, or per line via `items`), `GET /refunds/{id}`, `GET /refunds`. Refunds succeed at once.
import { z } from 'zod';
import type { Refund } from 'dodopayments/resources/refunds';
import type { RefundListItem } from 'dodopayments/resources/payments';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { REFUND_STATUSES } from '../core/enums';
import { createdWithin, enumFilter, newestFirst, paginate } from '../core/pagination';
import type { StoredRefund } from '../core/state';
import { getStoredPayment, lineItemsWithRefundable } from './payments';
import { metadataSchema } from './schemas';

const refundCreateSchema = z.object({
  payment_id: z.string(),
  items: z
    .array(z.object({ item_id: z.string(), amount: z.number().int().positive().nullish(), tax_inclusive: z.boolean().optional() }))
    .nullish(),
  metadata: metadataSchema.optional(),
  reason: z.string().max(3000).nullish(),
});

function toRefund(stored: StoredRefund): Refund {
  const { item_amounts: _items, ...refund } = stored;
  return refund;
}

function createRefund(core: SandboxCore, body: unknown): Refund {
  const input = parseBody(refundCreateSchema, body);
  const payment = getStoredPayment(core, input.payment_id);
  if (payment.status !== 'succeeded') throw new SandboxError(422, 'PAYMENT_NOT_REFUNDABLE', `Payment ${payment.payment_id} is ${payment.status}`);
  const refundable = lineItemsWithRefundable(core, payment);
  // Without items the whole remaining amount of every line is refunded.
  const itemAmounts = input.items?.length
    ? input.items.map((item) => {
        const line = refundable.find((l) => l.items_id === item.item_id);
        if (!line) throw new SandboxError(422, 'LINE_ITEM_NOT_FOUND', `Payment ${payment.payment_id} has no item ${item.item_id}`);
        // `tax_inclusive` (default true): the amount includes tax; false: the line's tax rate is added on top.
        const amount =
          item.amount == null ? line.refundable_amount : item.tax_inclusive === false && line.amount > 0 ? Math.round(item.amount * (1 + (line.tax ?? 0) / line.amount)) : item.amount;
        if (amount > line.refundable_amount) {
          throw new SandboxError(422, 'LINE_ITEM_REFUND_AMOUNT_TOO_HIGH', `Item ${item.item_id} has only ${line.refundable_amount} left to refund`);
        }
        return { item_id: item.item_id, amount };
      })
    : refundable.map((line) => ({ item_id: line.items_id, amount: line.refundable_amount }));
  const amount = itemAmounts.reduce((sum, item) => sum + item.amount, 0);
  if (amount <= 0) throw new SandboxError(422, 'PAYMENT_ALREADY_REFUNDED', `Payment ${payment.payment_id} has nothing left to refund`);
  const failed = core.refundFails();
  const refund: StoredRefund = {
    refund_id: newId(ID_PREFIX.refund),
    business_id: core.state.business_id,
    brand_id: core.state.brand_id,
    created_at: core.now(),
    payment_id: payment.payment_id,
    customer: payment.customer,
    amount,
    currency: payment.currency,
    is_partial: amount < payment.total_amount,
    metadata: input.metadata ?? {},
    reason: input.reason ?? null,
    status: failed ? 'failed' : 'succeeded',
    item_amounts: itemAmounts,
  };
  core.state.refunds[refund.refund_id] = refund;
  payment.updated_at = refund.created_at;
  core.emit(failed ? 'refund.failed' : 'refund.succeeded', { payload_type: 'Refund', ...toRefund(refund) });
  return toRefund(refund);
}

function toListItem(refund: StoredRefund): RefundListItem {
  return {
    business_id: refund.business_id,
    created_at: refund.created_at,
    is_partial: refund.is_partial,
    payment_id: refund.payment_id,
    refund_id: refund.refund_id,
    status: refund.status,
    amount: refund.amount ?? null,
    currency: refund.currency ?? null,
    reason: refund.reason ?? null,
  };
}

export function registerRefundRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/refunds', ({ body }) => createRefund(core, body))
    .get('/refunds/:id', ({ params }) => {
      const refund = core.state.refunds[params.id];
      if (!refund) throw notFound('Refund', params.id);
      return toRefund(refund);
    })
    .get('/refunds', ({ query }) => {
      const filters = { customer_id: query.get('customer_id'), status: enumFilter(query, 'status', REFUND_STATUSES), subscription_id: query.get('subscription_id') };
      const refunds = newestFirst(Object.values(core.state.refunds)).filter(
        (r) =>
          (!filters.customer_id || r.customer.customer_id === filters.customer_id) &&
          (!filters.status || r.status === filters.status) &&
          (!filters.subscription_id || core.state.payments[r.payment_id]?.subscription_ids.includes(filters.subscription_id)) &&
          createdWithin(query, r.created_at),
      );
      return paginate(refunds.map(toListItem), query);
    });
}

