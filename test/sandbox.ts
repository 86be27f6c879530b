// The sandbox's control API (paying a checkout, faults, recorded events), for integration tests.
import { env } from '@/lib/env';

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
