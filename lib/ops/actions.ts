'use server';
// The operator's actions. Each one is 404 for anyone but an operator (access: 'operator').
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createDiscount, DISCOUNT_CODE_PATTERN, DiscountError, disableDiscount } from '@/lib/billing/discounts';
import { ActionError, defineAction } from '@/lib/define-action';
import { labelOf } from '@/lib/labels';
import { retryFulfilment } from '@/lib/jobs/queries';
import { log } from '@/lib/log';
import { OBJECT_KINDS, repairFromDodo, runReconciliation } from '@/lib/ops/reconcile';
import { issueRefund } from '@/lib/ops/refunds';

const id = z.string().trim().min(3).max(200);

/** Reconciles Dodo's recent objects now (the scheduled run, on demand). */
export const reconcileNow = defineAction({ access: 'operator', input: z.object({}), audit: () => ({ action: 'reconcile now' }) }, async ({ user: admin }) => {
  const result = await runReconciliation({ trigger: 'manual', actor: admin.email });
  revalidatePath('/admin', 'layout');
  const checked = Object.entries(result.checked)
    .map(([kind, n]) => `${n} ${labelOf(kind)}`)
    .join(', ');
  const message = `Reconciliation ${result.status}: checked ${checked || 'nothing'}; repaired ${result.repaired}${result.errors ? `; ${result.errors} could not be repaired` : ''}.`;
  return result.status === 'succeeded' ? { ok: true, message } : { ok: false, error: message };
});

/** Retry of a missed or failed webhook: applies Dodo's current object through the webhook's apply path. */
export const retryFromDodo = defineAction(
  {
    access: 'operator',
    input: z.object({ kind: z.enum(OBJECT_KINDS), id, webhookId: id.optional() }),
    audit: (input) => ({ action: `retry ${labelOf(input.kind)} from Dodo`, subjectId: input.id }),
  },
  async ({ input, user: admin }) => {
    const result = await repairFromDodo({ kind: input.kind, id: input.id, actor: admin.email, webhookId: input.webhookId ?? null });
    revalidatePath('/admin', 'layout');
    return result.repair?.outcome === 'error' ? { ok: false, error: result.message } : { ok: true, message: result.message };
  },
);

/** Runs a failed job now, or gives a dead one more attempts. */
export const retryJob = defineAction({ access: 'operator', input: z.object({ id }), audit: (input) => ({ action: 'retry job', subjectId: input.id }) }, async ({ input, user: admin }) => {
  const result = await retryFulfilment(input.id);
  log.info({ jobId: input.id, actor: admin.email, retried: result?.retried ?? false }, 'job retry requested by an operator');
  revalidatePath('/admin', 'layout');
  if (!result) return { ok: false, error: `No job ${input.id}.` };
  return { ok: true, message: result.retried ? `Job ${input.id} queued again.` : `Job ${input.id} is ${result.status}: nothing to retry.` };
});

const reason = z.string().trim().min(1, 'Give a reason.').max(3000);

const RefundForm = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('full'), paymentId: id, reason }),
  z.object({ mode: z.literal('partial'), paymentId: id, reason, amount: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, 'Enter an amount such as 12.50.') }),
]);

/** Full or partial refund at Dodo; access changes when its webhook arrives. */
export const refundPayment = defineAction(
  { access: 'operator', input: RefundForm, audit: (input) => ({ action: `${input.mode} refund`, subjectId: input.paymentId }) },
  async ({ input, user: admin }) => {
  const result = await issueRefund(
    input.mode === 'full'
      ? { mode: 'full', paymentId: input.paymentId, reason: input.reason, actor: admin.email }
      : { mode: 'partial', paymentId: input.paymentId, reason: input.reason, actor: admin.email, amountCents: Math.round(Number(input.amount) * 100) },
  );
  revalidatePath('/admin', 'layout');
  return result.ok
    ? { ok: true, message: `Refund ${result.refundId} ${result.status} at Dodo. Access changes when its webhook arrives.` }
    : { ok: false, error: `Refund refused: ${result.error}` };
});

/** Dodo's refusals (a taken code, an expiry in the past) read as the form's error. */
async function atDodo<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DiscountError) throw new ActionError(err.message);
    throw err;
  }
}

const DiscountForm = z.object({
  code: z.string().trim().regex(DISCOUNT_CODE_PATTERN, 'A code is 3 to 32 letters, digits, _ or -.'),
  percentOff: z.coerce.number({ error: 'Enter a percentage.' }).min(0.01, 'At least 0.01 %.').max(100, 'At most 100 %.').multipleOf(0.01, 'At most two decimals.'),
  // Empty fields are "no expiry" and "no limit".
  expiresAt: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const date = new Date(v.length === 16 ? `${v}Z` : v);
      if (Number.isNaN(date.getTime())) ctx.addIssue({ code: 'custom', message: 'Enter a date and time (UTC).' });
      return date;
    }),
  usageLimit: z
    .string()
    .trim()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int('A whole number of uses.').positive('At least one use.').nullable()),
})
  // Each plan is a checkbox named `plan:<id>` (a form sends checked boxes only).
  .catchall(z.string())
  .transform(({ code, percentOff, expiresAt, usageLimit, ...rest }) => ({
    code,
    percentOff,
    expiresAt,
    usageLimit,
    planIds: Object.keys(rest)
      .filter((key) => key.startsWith('plan:'))
      .map((key) => key.slice('plan:'.length)),
  }));

/** A percentage code at Dodo, optionally expiring, limited in uses and restricted to plans. */
export const createDiscountAction = defineAction(
  { access: 'operator', input: DiscountForm, audit: (input) => ({ action: `create discount code ${input.code}`, subjectId: input.code }) },
  async ({ input, user: admin }) => {
    const code = await atDodo(() => createDiscount(input, admin.email));
    revalidatePath('/admin/discounts');
    return { ok: true, message: `Discount code ${code} created at Dodo.` };
  },
);

/** Ends a code at once; payments that used it keep naming it. */
export const disableDiscountAction = defineAction(
  { access: 'operator', input: z.object({ discountId: id }), audit: (input) => ({ action: 'disable discount code', subjectId: input.discountId }) },
  async ({ input, user: admin }) => {
    const code = await atDodo(() => disableDiscount(input.discountId, admin.email));
    revalidatePath('/admin/discounts');
    return { ok: true, message: `Discount code ${code} disabled.` };
  },
);
