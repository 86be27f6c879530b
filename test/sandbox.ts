// The sandbox's control API (paying a checkout, faults, recorded events), for integration tests.
import { eq } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { startCheckout, type CheckoutBuyer } from '@/lib/billing/checkout';
import { getDodo } from '@/lib/dodo/client';
import { env } from '@/lib/env';
import { db, deliverWebhook, signedWebhook } from './fixtures';

const sandboxUrl = () => env().DODO_PAYMENTS_BASE_URL!;

/** GET `path` on the sandbox, or POST `body` to it; throws on a non-2xx answer. */
export async function sandbox<T = unknown>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandboxUrl()}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** Pays a checkout session on Dodo's page, as the buyer would (a succeeding test card unless told). */
export function payCheckoutSession(sessionId: string, cardNumber = '4242424242424242') {
  return sandbox(`/sandbox/checkouts/${sessionId}/complete`, { card_number: cardNumber });
}

/** An event the sandbox recorded: its exact signed body and, with `signed`, the headers a delivery carries now. */
export type SandboxEvent = {
  webhook_id: string;
  type: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  body: string;
  headers: Record<string, string>;
};

/** Every event the sandbox recorded, in the order it emitted them, signed for delivery now. */
export async function sandboxEvents(): Promise<SandboxEvent[]> {
  return (await sandbox<{ items: SandboxEvent[] }>('/sandbox/events?signed=true')).items;
}

export const setSandboxFaults = (faults: Record<string, unknown>) => sandbox('/sandbox/faults', faults);

/** A buyer pays for a plan as in the browser: our order and Dodo session, then the card on Dodo's page. */
export async function buy(buyer: CheckoutBuyer, planId: string, options: { discountCode?: string } = {}) {
  const started = await startCheckout({ buyer, planId, ...options });
  if (!started.ok) throw new Error(started.error);
  const [order] = await db().select().from(orders).where(eq(orders.id, started.orderId));
  await payCheckoutSession(order.checkoutSessionId!);
  const session = await getDodo().checkoutSessions.retrieve(order.checkoutSessionId!);
  return { order, paymentId: session.payment_id ?? null };
}

/** The events Dodo recorded for these orders (whether or not they were sent), oldest first. */
export async function eventsFor(orderIds: string[]): Promise<SandboxEvent[]> {
  const { items } = await sandbox<{ items: SandboxEvent[] }>('/sandbox/events');
  return items.filter((e) => orderIds.includes(String((e.payload.data.metadata as Record<string, unknown> | undefined)?.order_id)));
}

/** Delivers a recorded event to our webhook endpoint as Dodo would (same id and body). */
export function relay(event: SandboxEvent) {
  return deliverWebhook(signedWebhook(event.type, event.payload.data, { id: event.webhook_id, rawBody: JSON.stringify(event.payload) }));
}
