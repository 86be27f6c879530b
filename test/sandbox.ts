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
