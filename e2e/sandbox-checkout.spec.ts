// Conformance: the sandbox's checkout pages, driven by Dodo's REAL checkout SDK in Chromium.
// The checkout host is served by the in-process sandbox through page.route, so the SDK's own origin
// checks, URL rewriting, events and redirect run unmodified. Nothing reaches the internet.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { expect, test, type FrameLocator, type Page, type Route } from '@playwright/test';
import DodoPayments from 'dodopayments';
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type RunningSandbox } from '@dodo-saas-starter/dodo-sandbox';

const CHECKOUT_ORIGIN = 'https://test.checkout.dodopayments.com';
const MERCHANT_ORIGIN = 'https://merchant.test';
const RETURN_URL = `${MERCHANT_ORIGIN}/return`;
// The UMD build: a classic script that defines window.DodoPaymentsCheckout.DodoPayments.
const SDK_BUNDLE = readFileSync(createRequire(import.meta.url).resolve('dodopayments-checkout'), 'utf8');

type CheckoutEvent = { event_type: string; data: { message?: unknown } };

let sandbox: RunningSandbox;
let client: DodoPayments;
let productId: string;

test.beforeAll(async () => {
  sandbox = await startSandbox({ checkoutBaseUrl: CHECKOUT_ORIGIN, timeFactor: 0.001 });
  client = new DodoPayments({ bearerToken: DEFAULT_SANDBOX_API_KEY, baseURL: sandbox.url, maxRetries: 0 });
  const product = await client.products.create({
    name: 'Sandbox Pro licence',
    price: { type: 'one_time_price', price: 1200, currency: 'USD', discount: 0, purchasing_power_parity: false },
    tax_category: 'saas',
  });
  productId = product.product_id;
});

test.afterAll(async () => {
  await sandbox?.stop();
});

async function newSession() {
  const session = await client.checkoutSessions.create({
    product_cart: [{ product_id: productId, quantity: 1 }],
    customer: { email: 'buyer@example.com', name: 'Ada Buyer' },
    return_url: RETURN_URL,
  });
  const checkoutUrl = `${CHECKOUT_ORIGIN}/session/${session.session_id}`;
  expect(session.checkout_url).toBe(checkoutUrl);
  return { session_id: session.session_id, checkout_url: checkoutUrl };
}

async function forwardToSandbox(route: Route) {
  const url = new URL(route.request().url());
  const response = await route.fetch({ url: `${sandbox.url}${url.pathname}${url.search}`, maxRedirects: 0 });
  await route.fulfill({ response });
}

/** Everything not served below is aborted: Chromium never reaches the network. */
async function routeNetwork(page: Page, merchantHtml: string) {
  await page.route('**/*', (route) => route.abort('blockedbyclient'));
  // Inline checkout loads Dodo's wallet SDK from another host; an empty stand-in keeps it quiet.
  await page.route('https://sdk-v2.custom.hs.dodopayments.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.DodoCheckoutWebSDK = window.DodoCheckoutWebSDK || {};' }),
  );
  await page.route(`${MERCHANT_ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/sdk.js') return route.fulfill({ contentType: 'text/javascript', body: SDK_BUNDLE });
    if (pathname === '/return') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Returned</title><h1>Back at the merchant</h1>' });
    return route.fulfill({ contentType: 'text/html', body: merchantHtml });
  });
  await page.route(`${CHECKOUT_ORIGIN}/**`, forwardToSandbox);
}

/** A merchant page that opens the checkout with the given SDK global, recording every event. */
function merchantPage(opts: { sdkSrc: string; sdkGlobal: string; displayType: 'overlay' | 'inline'; checkoutUrl: string }) {
  const open = { checkoutUrl: opts.checkoutUrl, ...(opts.displayType === 'inline' ? { elementId: 'checkout-slot' } : {}) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Merchant</title><script src="${opts.sdkSrc}"></script></head>
<body><h1>Merchant pricing</h1><div id="checkout-slot"></div>
<script>
  const sdk = ${opts.sdkGlobal};
  sdk.Initialize({ mode: 'test', displayType: ${JSON.stringify(opts.displayType)}, onEvent: (event) => window.recordEvent(event) });
  sdk.Checkout.open(${JSON.stringify(open)});
</script></body></html>`;
}

async function recordEvents(page: Page): Promise<CheckoutEvent[]> {
  const events: CheckoutEvent[] = [];
  await page.exposeFunction('recordEvent', (event: CheckoutEvent) => {
    events.push(event);
  });
  return events;
}

async function openWithRealSdk(page: Page, displayType: 'overlay' | 'inline', checkoutUrl: string) {
  const events = await recordEvents(page);
  const html = merchantPage({ sdkSrc: '/sdk.js', sdkGlobal: 'window.DodoPaymentsCheckout.DodoPayments', displayType, checkoutUrl });
  await routeNetwork(page, html);
  await page.goto(`${MERCHANT_ORIGIN}/pricing`);
  return { events, frame: page.frameLocator('#dodo-checkout-iframe') };
}

async function payByCard(frame: FrameLocator, cardNumber: string) {
  await frame.getByLabel('Card number').fill(cardNumber);
  await frame.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await frame.getByLabel('CVC').fill('123');
  const total = await frame.locator('#total').textContent();
  const pay = frame.getByRole('button', { name: `Pay ${total}` });
  await pay.click();
}

async function expectReturnedPaid(page: Page, sessionId: string) {
  await page.waitForURL(`${RETURN_URL}?**`);
  await expect(page.getByRole('heading', { name: 'Back at the merchant' })).toBeVisible();
  const returned = new URL(page.url());
  expect(returned.searchParams.get('status')).toBe('succeeded');
  const paymentId = returned.searchParams.get('payment_id');
  expect(paymentId).toMatch(/^pay_/);
  const status = await client.checkoutSessions.retrieve(sessionId);
  expect(status.payment_status).toBe('succeeded');
  expect(status.payment_id).toBe(paymentId);
  return paymentId;
}

const types = (events: CheckoutEvent[]) => events.map((event) => event.event_type);

test('overlay: the real SDK drives a card payment to the return URL', async ({ page }) => {
  const session = await newSession();
  const { events, frame } = await openWithRealSdk(page, 'overlay', session.checkout_url);

  await expect(page.locator('#dodo-checkout-iframe')).toHaveAttribute('src', `${CHECKOUT_ORIGIN}/overlay/session/${session.session_id}`);
  const dialog = frame.getByRole('dialog', { name: 'Checkout' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Sandbox Pro licence')).toBeVisible();
  await expect(frame.getByLabel('Email')).toHaveValue('buyer@example.com');
  await expect(frame.getByLabel('Full name')).toHaveValue('Ada Buyer');
  await expect.poll(() => types(events)).toEqual(expect.arrayContaining(['checkout.opened', 'checkout.breakdown']));

  // The select starts with the buyer's country alone; the other 248 are moved in once the page is idle.
  const country = frame.getByLabel('Country');
  await expect(country.locator('option')).toHaveCount(249);
  await expect(country).toHaveValue('US');

  // Tax follows the billing country: the totals are fetched again and the button is relabelled.
  const [totalsResponse] = await Promise.all([
    page.waitForResponse((response) => response.url().includes('/totals?country=DE')),
    frame.getByLabel('Country').selectOption('DE'),
  ]);
  const totals = (await totalsResponse.json()) as { total: number; currency: string };
  expect(totals.currency).toBe('USD');
  const shownTotal = await frame.locator('#total').textContent();
  expect(shownTotal).toBe(`$${(totals.total / 100).toFixed(2)}`);
  await expect(frame.getByRole('button', { name: `Pay ${shownTotal}` })).toBeVisible();

  await payByCard(frame, '4242 4242 4242 4242');
  const paymentId = await expectReturnedPaid(page, session.session_id);

  const status = events.find((event) => event.event_type === 'checkout.status');
  expect(status?.data.message).toMatchObject({ status: 'succeeded', payment_id: paymentId });
  const redirect = events.find((event) => event.event_type === 'checkout.redirect');
  expect(redirect?.data.message).toMatchObject({ redirect_to: expect.stringContaining(`${RETURN_URL}?`) });
});

test('inline: the frame sizes itself and completes a payment', async ({ page }) => {
  const session = await newSession();
  const { events, frame } = await openWithRealSdk(page, 'inline', session.checkout_url);

  const iframe = page.locator('#checkout-slot #dodo-checkout-iframe');
  await expect(iframe).toHaveAttribute('src', `${CHECKOUT_ORIGIN}/inline/session/${session.session_id}`);
  // The SDK starts the frame at 0 px and grows it only from the [dodo-iframe-resize] messages.
  await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(400);
  await expect(frame.getByRole('button', { name: 'Close checkout' })).toHaveCount(0);

  await payByCard(frame, '4242 4242 4242 4242');
  await expectReturnedPaid(page, session.session_id);
  expect(types(events)).toContain('checkout.redirect');
  expect(types(events)).not.toContain('checkout.error');
});

test('a declined card shows the error in the frame, and the same session then pays', async ({ page }) => {
  const session = await newSession();
  const { events, frame } = await openWithRealSdk(page, 'overlay', session.checkout_url);

  await payByCard(frame, '4000 0000 0000 0002');
  await expect(frame.getByRole('alert')).toBeVisible();
  await expect(frame.getByRole('alert')).not.toBeEmpty();
  await expect(frame.getByLabel('Card number')).toBeFocused();
  expect(page.url()).toBe(`${MERCHANT_ORIGIN}/pricing`);
  await expect.poll(() => events.find((event) => event.event_type === 'checkout.status')?.data.message).toMatchObject({ status: 'failed' });
  expect((await client.checkoutSessions.retrieve(session.session_id)).payment_status).not.toBe('succeeded');

  await payByCard(frame, '4242 4242 4242 4242');
  await expectReturnedPaid(page, session.session_id);
});

test('overlay: the close button closes the checkout through the SDK', async ({ page }) => {
  const session = await newSession();
  const { events, frame } = await openWithRealSdk(page, 'overlay', session.checkout_url);

  await frame.getByRole('button', { name: 'Close checkout' }).click();
  await expect(page.locator('#dodo-checkout-iframe')).toHaveCount(0);
  expect(types(events)).toContain('checkout.closed');
  expect(await page.evaluate(() => window.DodoPaymentsCheckout.DodoPayments.Checkout.isOpen())).toBe(false);
});

for (const displayType of ['overlay', 'inline'] as const) {
  test(`the sandbox opener script completes an ${displayType} payment`, async ({ page }) => {
    const session = await newSession();
    const events = await recordEvents(page);
    const checkoutUrl = `${sandbox.url}/session/${session.session_id}`;
    const html = merchantPage({
      sdkSrc: `${sandbox.url}/sandbox/opener.js`,
      sdkGlobal: 'window.DodoPaymentsSandbox',
      displayType,
      checkoutUrl,
    });
    // A dev merchant app on its own loopback origin, as `npm run dev` has it. It is a real server, not a
    // routed page: Chromium lets only a page it knows to be on loopback load scripts from loopback.
    const merchant = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    const merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    try {
      await routeNetwork(page, html);
      await page.route(`${sandbox.url}/**`, (route) => route.continue());
      await page.route(`${merchantUrl}/**`, (route) => route.continue());
      await page.goto(`${merchantUrl}/pricing`);

      const iframe = page.locator('#dodo-checkout-iframe');
      await expect(iframe).toHaveAttribute('src', `${sandbox.url}/${displayType}/session/${session.session_id}`);
      await expect(iframe).toHaveAttribute('title', /Checkout/);
      const frame = page.frameLocator('#dodo-checkout-iframe');
      if (displayType === 'overlay') await expect(frame.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
      else await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(400);
      await expect.poll(() => types(events)).toContain('checkout.breakdown');

      await payByCard(frame, '4242 4242 4242 4242');
      await expectReturnedPaid(page, session.session_id);
      expect(types(events)).toEqual(expect.arrayContaining(['checkout.opened', 'checkout.status', 'checkout.redirect']));
    } finally {
      await new Promise((resolve) => merchant.close(resolve));
    }
  });
}

test('the hosted page works standalone on a phone-sized screen and redirects', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 720 });
  const session = await newSession();
  await routeNetwork(page, '<!doctype html><title>Merchant</title>');

  await page.goto(session.checkout_url);
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(page.getByText('Sandbox Pro licence')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Keyboard only, from the card number the page focuses on load.
  await expect(page.getByLabel('Card number')).toBeFocused();
  await page.keyboard.type('4242 4242 4242 4242');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12 / 34');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');
  await expectReturnedPaid(page, session.session_id);

  // Paying is done: the same link now says so.
  await page.goto(session.checkout_url);
  await expect(page.getByRole('heading', { name: 'Already paid' })).toBeVisible();
});

test('UPI pays, and an unknown session is a 404 page', async ({ page }) => {
  const session = await newSession();
  await routeNetwork(page, '<!doctype html><title>Merchant</title>');

  const missing = await page.goto(`${CHECKOUT_ORIGIN}/session/cks_${'x'.repeat(21)}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Checkout not found' })).toBeVisible();

  await page.goto(session.checkout_url);
  await page.getByRole('radio', { name: 'UPI' }).check();
  await page.getByLabel('UPI ID').fill('success@upi');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expectReturnedPaid(page, session.session_id);
});

declare global {
  interface Window {
    DodoPaymentsCheckout: { DodoPayments: { Checkout: { isOpen(): boolean } } };
  }
}
