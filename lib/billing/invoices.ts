// A payment's invoice: Dodo renders it as a PDF; we only hand it to the payment's own buyer.
// No `server-only` guard: the worker's receipt email links here too (see lib/dodo/client.ts).
import { and, eq } from 'drizzle-orm';
import { APIError } from 'dodopayments';
import { getDb } from '@/db';
import { payments } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';

/** Where the buyer opens a payment's invoice (the billing page and the receipt email link here). */
export function invoicePath(paymentId: string) {
  return `/billing/invoices/${encodeURIComponent(paymentId)}`;
}

export type InvoiceResult = { ok: true; pdf: Response } | { ok: false; status: 404 | 502; error: string };

/** The PDF of `paymentId` when it is this user's succeeded payment; anyone else's id reads as not found. */
export async function invoiceFor(userId: string, paymentId: string): Promise<InvoiceResult> {
  const [payment] = await getDb()
    .select({ id: payments.id, status: payments.status })
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  if (!payment || payment.status !== 'succeeded') return { ok: false, status: 404, error: 'No invoice for that payment.' };
  try {
    return { ok: true, pdf: await getDodo().invoices.payments.retrieve(payment.id) };
  } catch (err) {
    if (err instanceof APIError) return { ok: false, status: 502, error: `Dodo could not produce the invoice: ${err.message}` };
    throw err;
  }
}
