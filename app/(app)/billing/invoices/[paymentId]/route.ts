import { getCurrentUser } from '@/lib/auth/session';
import { invoiceFor } from '@/lib/billing/invoices';

export const dynamic = 'force-dynamic';

/** Streams the buyer's invoice PDF from Dodo, after checking the payment is theirs. */
export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'sign in first' }, { status: 401 });
  const { paymentId } = await params;
  const invoice = await invoiceFor(user.id, paymentId);
  if (!invoice.ok) return Response.json({ error: invoice.error }, { status: invoice.status });
  return new Response(invoice.pdf.body, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="invoice-${paymentId}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
