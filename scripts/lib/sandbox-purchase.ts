// A purchase as the app and the sandbox make it, minus the browser: an open order, a checkout session
// created through Dodo's REST API with the order in its metadata, and the sandbox's Pay button.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/index';
import { orders, plans } from '../../db/schema';
import type { RunningSandbox } from '@dodo-saas-starter/dodo-sandbox';

export async function payThroughSandbox(opts: {
  db: Database;
  sandbox: RunningSandbox;
  apiKey: string;
  buyer: { id: string; email: string };
  planId: string;
}): Promise<{ orderId: string; paymentId: string }> {
  const [plan] = await opts.db.select().from(plans).where(eq(plans.id, opts.planId));
  const [order] = await opts.db
    .insert(orders)
    .values({
      userId: opts.buyer.id,
      planId: plan.id,
      idempotencyKey: `${opts.buyer.id}:${plan.id}`,
      requestId: randomUUID(),
      amountCents: plan.priceCents,
      currency: plan.currency,
      dodoProductId: plan.dodoProductId!,
    })
    .returning();
  const res = await fetch(`${opts.sandbox.url}/checkouts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey}` },
    body: JSON.stringify({
      product_cart: [{ product_id: plan.dodoProductId, quantity: 1 }],
      customer: { email: opts.buyer.email, name: 'Buyer' },
      metadata: { order_id: order.id, user_id: opts.buyer.id },
    }),
  });
  if (!res.ok) throw new Error(`POST /checkouts: HTTP ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { session_id: string };
  await opts.db.update(orders).set({ status: 'open', checkoutSessionId: session.session_id }).where(eq(orders.id, order.id));
  const paid = await opts.sandbox.control.completeCheckout(session.session_id, { card_number: '4242424242424242' });
  if (paid.status !== 'succeeded') throw new Error(`sandbox payment ${paid.status}`);
  return { orderId: order.id, paymentId: paid.payment_id };
}
