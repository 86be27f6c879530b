// What the browser may reach in the app's e2e tests: the app, the sandbox, and Dodo's checkout host
// served from the sandbox. Everything else is aborted, so a test never depends on the internet.
import type { Page, Route } from '@playwright/test';

export const DODO_TEST_CHECKOUT_ORIGIN = 'https://test.checkout.dodopayments.com';

function isLoopback(url: URL) {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

async function forwardToSandbox(route: Route) {
  const url = new URL(route.request().url());
  const response = await route.fetch({ url: `${process.env.E2E_SANDBOX_URL}${url.pathname}${url.search}`, maxRedirects: 0 });
  await route.fulfill({ response });
}

export async function routeCheckoutNetwork(page: Page) {
  await page.route((url) => !isLoopback(url), (route) => route.abort('blockedbyclient'));
  // The real checkout SDK loads a wallet script from another Dodo host; an empty one will do offline.
  await page.route('https://*.dodopayments.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.DodoCheckoutWebSDK = window.DodoCheckoutWebSDK || {};' }),
  );
  // Registered last: the newest matching route wins.
  await page.route(`${DODO_TEST_CHECKOUT_ORIGIN}/**`, forwardToSandbox);
}
