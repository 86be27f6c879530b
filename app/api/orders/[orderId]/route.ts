import { getCurrentUser } from '@/lib/auth/session';
import { orderFulfilment } from '@/lib/billing/checkout';

export const dynamic = 'force-dynamic';

/** The return page polls this: the order's state as the webhooks left it in the database. */
export async function GET(_request: Request, { params }: { params: Promise<{ orderId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'sign in first' }, { status: 401 });
  const fulfilment = await orderFulfilment((await params).orderId, user.id);
  if (!fulfilment) return Response.json({ error: 'no such order' }, { status: 404 });
  return Response.json(fulfilment, { headers: { 'cache-control': 'no-store' } });
}
