// Disputes: `GET /disputes/{id}`, `GET /disputes`; opened and resolved only through the control API (`POST /sandbox/disputes`).
import type { DisputeListResponse, GetDispute } from 'dodopayments/resources/disputes';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { notFound, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { DISPUTE_STAGES, DISPUTE_STATUSES } from '../core/enums';
import { createdWithin, enumFilter, newestFirst, paginate } from '../core/pagination';
import { getStoredPayment } from './payments';

/** `challenged` is the merchant's answer and leaves the dispute open for `won` or `lost`; the others end it. */
export type DisputeOutcome = 'won' | 'lost' | 'accepted' | 'cancelled' | 'expired' | 'challenged';

const OUTCOME_STATUS = {
  won: 'dispute_won',
  lost: 'dispute_lost',
  accepted: 'dispute_accepted',
  cancelled: 'dispute_cancelled',
  expired: 'dispute_expired',
  challenged: 'dispute_challenged',
} as const satisfies Record<DisputeOutcome, GetDispute['dispute_status']>;

function emitDispute(core: SandboxCore, dispute: GetDispute, type: `dispute.${'opened' | DisputeOutcome}`): void {
  core.emit(type, { payload_type: 'Dispute', ...structuredClone(dispute) });
}

/** The buyer's bank disputes a succeeded payment; with an outcome, the dispute is resolved right away. */
export function openDispute(core: SandboxCore, paymentId: string, outcome: DisputeOutcome | null): GetDispute {
  const payment = getStoredPayment(core, paymentId);
  if (payment.status !== 'succeeded') throw new SandboxError(422, 'PAYMENT_NOT_DISPUTABLE', `Payment ${paymentId} is ${payment.status}`);
  const dispute: GetDispute = {
    dispute_id: newId(ID_PREFIX.dispute),
    business_id: core.state.business_id,
    brand_id: core.state.brand_id,
    created_at: core.now(),
    payment_id: payment.payment_id,
    customer: payment.customer,
    amount: String(payment.total_amount),
    currency: payment.currency,
    dispute_stage: 'dispute',
    dispute_status: 'dispute_opened',
    payment_provider: payment.payment_provider,
    is_resolved_by_rdr: false,
    reason: 'fraudulent',
    remarks: null,
  };
  core.state.disputes[dispute.dispute_id] = dispute;
  emitDispute(core, dispute, 'dispute.opened');
  if (outcome) resolveDispute(core, dispute.dispute_id, outcome);
  return dispute;
}

export function resolveDispute(core: SandboxCore, disputeId: string, outcome: DisputeOutcome): GetDispute {
  const dispute = getDispute(core, disputeId);
  const open = dispute.dispute_status === 'dispute_opened' || (dispute.dispute_status === 'dispute_challenged' && outcome !== 'challenged');
  if (!open) throw new SandboxError(409, 'DISPUTE_RESOLVED', `Dispute ${disputeId} is already ${dispute.dispute_status}`);
  dispute.dispute_status = OUTCOME_STATUS[outcome];
  emitDispute(core, dispute, `dispute.${outcome}`);
  return dispute;
}

function getDispute(core: SandboxCore, disputeId: string): GetDispute {
  const dispute = core.state.disputes[disputeId];
  if (!dispute) throw notFound('Dispute', disputeId);
  return dispute;
}

function toListItem(dispute: GetDispute): DisputeListResponse {
  const { brand_id: _b, customer: _c, reason: _r, remarks: _m, ...item } = dispute;
  return item;
}

export function registerDisputeRoutes(router: Router, core: SandboxCore): void {
  router
    .get('/disputes/:id', ({ params }) => getDispute(core, params.id))
    .get('/disputes', ({ query }) => {
      const filters = { customer_id: query.get('customer_id'), dispute_status: enumFilter(query, 'dispute_status', DISPUTE_STATUSES), dispute_stage: enumFilter(query, 'dispute_stage', DISPUTE_STAGES) };
      const disputes = newestFirst(Object.values(core.state.disputes)).filter(
        (d) =>
          (!filters.customer_id || d.customer.customer_id === filters.customer_id) &&
          (!filters.dispute_status || d.dispute_status === filters.dispute_status) &&
          (!filters.dispute_stage || d.dispute_stage === filters.dispute_stage) &&
          createdWithin(query, d.created_at),
      );
      return paginate(disputes.map(toListItem), query);
    });
}
