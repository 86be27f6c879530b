// `next dev` compiles each route on its first request; on a fresh start the first purchase waited ~28 s
// for the webhook route and the order polling to compile. `npm run dev` requests them right away instead.
import { waitForHttp } from './wait';

/** The routes a first purchase goes through, in the order a buyer meets them. */
export const PURCHASE_PATH = [
  '/pricing',
  '/sign-up',
  '/checkout/pro-monthly',
  // GET on a POST-only route loads (and so compiles) the handler without creating a delivery record.
  '/api/webhooks/dodo',
  '/checkout/return',
  '/api/orders/warm-up',
] as const;

/** Waits for the server, then requests every route of the purchase path once; answers do not matter. */
export async function warmPurchasePath(baseUrl: string, log: (line: string) => void): Promise<void> {
  await waitForHttp(`${baseUrl}/api/health`, 120_000);
  const started = performance.now();
  for (const path of PURCHASE_PATH) {
    await fetch(`${baseUrl}${path}`, { redirect: 'manual' }).then(
      (res) => res.body?.cancel(),
      () => undefined,
    );
  }
  log(`purchase path compiled in ${((performance.now() - started) / 1000).toFixed(1)} s: the first purchase runs warm`);
}
