// The sandbox's control API, for scenarios that need its clock, faults and event log.
type Faults = Partial<{ fail_next_charges: number; fail_subscription_charges: string[]; fail_next_deliveries: number; delay_ms: number; order: 'normal' | 'reverse' | 'shuffle'; drop_webhooks: boolean }>;
type SandboxEvent = { webhook_id: string; type: string; created_at: string; payload: { data: Record<string, unknown> } };

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${process.env.E2E_SANDBOX_URL}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const sandbox = {
  setFaults: (faults: Faults) => control('/sandbox/faults', faults),
  clearFaults: () => control('/sandbox/faults', { fail_next_charges: 0, fail_subscription_charges: [], fail_next_deliveries: 0, delay_ms: 0, order: 'normal', drop_webhooks: false }),
  advanceClock: (seconds: number) => control('/sandbox/clock/advance', { seconds }),
  flush: () => control('/sandbox/deliveries/flush', { retries: true, timeout_ms: 20_000 }),
  events: async (type?: string) =>
    (await control<{ items: SandboxEvent[] }>(`/sandbox/events${type ? `?type=${encodeURIComponent(type)}` : ''}`)).items,
  redeliver: (webhookId: string, count: number) => control(`/sandbox/events/${webhookId}/redeliver`, { count }),
  dispute: (paymentId: string, outcome: 'won' | 'lost') => control('/sandbox/disputes', { payment_id: paymentId, outcome }),
  /** A checkout session made straight through the API, as a purchase outside the app would be. */
  createCheckout: (body: Record<string, unknown>, apiKey = 'sandbox_sk_test_0000000000000000') =>
    fetch(`${process.env.E2E_SANDBOX_URL}/checkouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ session_id: string; checkout_url: string }>),
  payCheckout: (sessionId: string, card = '4242424242424242') => control(`/sandbox/checkouts/${sessionId}/complete`, { card_number: card }),
  licenseKey: (id: string, apiKey = 'sandbox_sk_test_0000000000000000') =>
    fetch(`${process.env.E2E_SANDBOX_URL}/license_keys/${id}`, { headers: { authorization: `Bearer ${apiKey}` } }).then((r) => r.json() as Promise<{ status: string }>),
  refund: (paymentId: string, apiKey = 'sandbox_sk_test_0000000000000000') =>
    fetch(`${process.env.E2E_SANDBOX_URL}/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ payment_id: paymentId, reason: 'QA scenario' }),
    }).then((r) => r.json() as Promise<{ refund_id: string; status: string }>),
};

export const DAY_SECONDS = 86_400;
