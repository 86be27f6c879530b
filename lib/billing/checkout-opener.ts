// Opens a checkout URL in the browser: overlay (default), inline, or the hosted page.
// The real `dodopayments-checkout` SDK only accepts Dodo's own checkout hosts; for any other host
// (the local sandbox) the same API is loaded from that host's /sandbox/opener.js.
export type DisplayMode = 'overlay' | 'inline' | 'hosted';

export type CheckoutEvent = { event_type: string; data?: Record<string, unknown> };

type OpenerApi = {
  Initialize: (config: { mode: 'test' | 'live'; displayType: 'overlay' | 'inline'; onEvent?: (e: CheckoutEvent) => void }) => void;
  Checkout: { open: (o: { checkoutUrl: string; elementId?: string; options?: { manualRedirect?: boolean } }) => void; close: () => void; isOpen: () => boolean };
};

declare global {
  interface Window {
    DodoPaymentsSandbox?: OpenerApi;
  }
}

const DODO_CHECKOUT_HOSTS = new Set(['checkout.dodopayments.com', 'test.checkout.dodopayments.com']);

export function isDodoCheckoutUrl(url: string) {
  return DODO_CHECKOUT_HOSTS.has(new URL(url).hostname);
}

async function fetchOpener(origin: string): Promise<OpenerApi> {
  if (isDodoCheckoutUrl(origin)) {
    // Loaded when the page is idle or on the click: the SDK stays out of the page's first load.
    const { DodoPayments } = await import('dodopayments-checkout');
    return DodoPayments as unknown as OpenerApi;
  }
  if (!window.DodoPaymentsSandbox) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${origin}/sandbox/opener.js`;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('could not load the sandbox checkout opener'));
      document.head.appendChild(script);
    });
  }
  if (!window.DodoPaymentsSandbox) throw new Error('the sandbox checkout opener did not load');
  return window.DodoPaymentsSandbox;
}

const openers = new Map<string, Promise<OpenerApi>>();

/** The opener for checkouts served from `origin`, loaded once per page; a failed load is tried again next time. */
function loadOpener(origin: string): Promise<OpenerApi> {
  let loading = openers.get(origin);
  if (!loading) {
    loading = fetchOpener(origin);
    openers.set(origin, loading);
    loading.catch(() => openers.delete(origin));
  }
  return loading;
}

/** Loads the opener before any click (a failure is left to the click, which falls back to the hosted page). */
export function preloadCheckoutOpener(origin: string): void {
  loadOpener(origin).catch(() => {});
}

/** Dodo's SDK leaves its frame without a title, and a screen reader announces a frame by its title. */
function nameCheckoutFrame() {
  const frame = document.getElementById('dodo-checkout-iframe');
  if (frame instanceof HTMLIFrameElement && !frame.title) frame.title = 'Checkout';
}

/**
 * Opens the checkout (closing one already open, e.g. an expired link being replaced). An error from the
 * overlay (or from loading it) falls back to the hosted page, which always works (3-D Secure, for one,
 * can hang inside an iframe). With `manualRedirect`, Dodo asks (`checkout.redirect_requested`) instead
 * of sending the buyer to the return URL itself.
 */
export async function openCheckout(
  url: string,
  opts: { display: DisplayMode; elementId?: string; manualRedirect?: boolean; onEvent?: (e: CheckoutEvent) => void },
): Promise<void> {
  if (opts.display === 'hosted') {
    window.location.assign(url);
    return;
  }
  try {
    const opener = await loadOpener(new URL(url).origin);
    opener.Initialize({
      mode: new URL(url).hostname.startsWith('test.') || !isDodoCheckoutUrl(url) ? 'test' : 'live',
      displayType: opts.display,
      onEvent: (event) => {
        if (event.event_type === 'checkout.opened') nameCheckoutFrame();
        opts.onEvent?.(event);
        // Inline mode also reports wallet-loading problems as checkout.error while the form still works.
        if (event.event_type === 'checkout.error' && opts.display === 'overlay') window.location.assign(url);
      },
    });
    if (opener.Checkout.isOpen()) opener.Checkout.close();
    opener.Checkout.open({ checkoutUrl: url, elementId: opts.elementId, options: { manualRedirect: opts.manualRedirect } });
    nameCheckoutFrame();
  } catch {
    window.location.assign(url);
  }
}
