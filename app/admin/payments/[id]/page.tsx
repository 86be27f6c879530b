import { ActionForm } from '@/components/ui/action-form';
import { ThreadView } from '@/components/admin/thread-view';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { formatPrice } from '@/lib/billing/format';
import { adminLookupId, requireAdmin } from '@/lib/ops/admin';
import { checkThreadWithDodo } from '@/lib/ops/dodo-check';
import { loadThread } from '@/lib/ops/timeline';
import { refundPayment } from '@/lib/ops/actions';
import { Card, CardTitle } from '@/components/ui/card';

export const dynamic = 'force-dynamic';

/** One payment: its thread, and the refund form. */
export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = adminLookupId((await params).id);
  const thread = await loadThread(id);
  const payment = thread?.payments.find((p) => p.id === id);
  return (
    <main className="space-y-6">
      <h1 className="break-all text-2xl font-bold">Payment {id}</h1>
      {payment && payment.status === 'succeeded' && (
        <Card as="section" aria-labelledby="refund-heading" className="space-y-3 p-4">
          <CardTitle id="refund-heading">Refund</CardTitle>
          <p className="text-sm text-muted-foreground">
            Paid {formatPrice(payment.amountCents, payment.currency)}; refunded so far {formatPrice(payment.refundedCents, payment.currency)}. Dodo
            refunds at once; access changes when the refund’s webhook arrives.
          </p>
          <ActionForm action={refundPayment} fields={{ paymentId: payment.id }} label="Issue refund" pendingLabel="Refunding…" variant="destructive" confirm="Refund this payment at Dodo? This cannot be undone.">
            <fieldset className="flex flex-wrap gap-4">
              <legend className="sr-only">How much</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="mode" value="full" defaultChecked /> Full refund
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="mode" value="partial" /> Partial
              </label>
            </fieldset>
            <div>
              <Label htmlFor="refund-amount">Amount for a partial refund ({payment.currency})</Label>
              <Input id="refund-amount" name="amount" inputMode="decimal" placeholder="12.50" className="mt-1 w-36" />
            </div>
            <div className="min-w-0 flex-1">
              <Label htmlFor="refund-reason">Reason</Label>
              <Input id="refund-reason" name="reason" required maxLength={3000} className="mt-1" />
            </div>
          </ActionForm>
        </Card>
      )}
      {thread ? <ThreadView thread={thread} check={await checkThreadWithDodo(thread)} /> : <p role="status">Nothing is stored about {id}.</p>}
    </main>
  );
}
