import { notFound } from 'next/navigation';
import { PaymentConfirmation } from '@/components/billing/payment-confirmation';
import { requireUser } from '@/lib/auth/session';
import { orderFulfilment } from '@/lib/billing/checkout';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<{ order_id?: string }>;

/** Where Dodo sends the buyer back. Its query string (payment_id, status) is never trusted: only the database is. */
export default async function CheckoutReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const { order_id: orderId } = await searchParams;
  const user = await requireUser(`/checkout/return?order_id=${encodeURIComponent(orderId ?? '')}`);
  if (!orderId) notFound();
  const fulfilment = await orderFulfilment(orderId, user.id);
  if (!fulfilment) notFound();
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">Your purchase</h1>
      <PaymentConfirmation orderId={orderId} initial={fulfilment} />
    </main>
  );
}
