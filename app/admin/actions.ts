'use server';
// The operator's actions. Each one is 404 for anyone but an operator (adminAction).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { retryFulfilment } from '@/lib/jobs/queries';
import { adminAction } from '@/lib/ops/admin';
import { log } from '@/lib/log';
import { OBJECT_KINDS, repairFromDodo, runReconciliation } from '@/lib/ops/reconcile';
import { issueRefund } from '@/lib/ops/refunds';
import { labelOf } from '@/lib/labels';

const id = z.string().trim().min(3).max(200);

/** Reconciles Dodo's recent objects now (the scheduled run, on demand). */
export const reconcileNow = adminAction(z.object({}), async (_input, admin) => {
  const result = await runReconciliation({ trigger: 'manual', actor: admin.email });
  revalidatePath('/admin', 'layout');
  const checked = Object.entries(result.checked)
    .map(([kind, n]) => `${n} ${labelOf(kind)}`)
    .join(', ');
  return {
    ok: result.status === 'succeeded',
    message: `Reconciliation ${result.status}: checked ${checked || 'nothing'}; repaired ${result.repaired}${result.errors ? `; ${result.errors} could not be repaired` : ''}.`,
  };
});

/** Retry of a missed or failed webhook: applies Dodo's current object through the webhook's apply path. */
export const retryFromDodo = adminAction(
  z.object({ kind: z.enum(OBJECT_KINDS), id, webhookId: id.optional() }),
  async (input, admin) => {
    const result = await repairFromDodo({ kind: input.kind, id: input.id, actor: admin.email, webhookId: input.webhookId ?? null });
    revalidatePath('/admin', 'layout');
    return { ok: result.repair?.outcome !== 'error', message: result.message };
  },
);

/** Runs a failed job now, or gives a dead one more attempts. */
export const retryJob = adminAction(z.object({ id }), async (input, admin) => {
  const result = await retryFulfilment(input.id);
  log.info({ jobId: input.id, actor: admin.email, retried: result?.retried ?? false }, 'job retry requested by an operator');
  revalidatePath('/admin', 'layout');
  if (!result) return { ok: false, message: `No job ${input.id}.` };
  return { ok: true, message: result.retried ? `Job ${input.id} queued again.` : `Job ${input.id} is ${result.status}: nothing to retry.` };
});

const RefundForm = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('full'), paymentId: id, reason: z.string().trim().min(1, 'Give a reason.').max(3000) }),
  z.object({
    mode: z.literal('partial'),
    paymentId: id,
    reason: z.string().trim().min(1, 'Give a reason.').max(3000),
    amount: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, 'Enter an amount such as 12.50.'),
  }),
]);

/** Full or partial refund at Dodo; access changes when its webhook arrives. */
export const refundPayment = adminAction(RefundForm, async (input, admin) => {
  const result = await issueRefund(
    input.mode === 'full'
      ? { mode: 'full', paymentId: input.paymentId, reason: input.reason, actor: admin.email }
      : { mode: 'partial', paymentId: input.paymentId, reason: input.reason, actor: admin.email, amountCents: Math.round(Number(input.amount) * 100) },
  );
  revalidatePath('/admin', 'layout');
  return result.ok
    ? { ok: true, message: `Refund ${result.refundId} ${result.status} at Dodo. Access changes when its webhook arrives.` }
    : { ok: false, message: `Refund refused: ${result.error}` };
});
