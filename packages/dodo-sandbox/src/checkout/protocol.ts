// What the embedding SDK (dodopayments-checkout 1.9.9) expects from a checkout frame, read off its bundle.
//
// - `Checkout.open({ checkoutUrl })` rewrites `/session/cks_…` to `/overlay/session/cks_…` or
//   `/inline/session/cks_…`: the path, not a query parameter, tells the page how it is embedded.
//   Options become query parameters: showTimer, showSecurityBadge, manualRedirect, payButtonText,
//   fontSize, fontWeight, theme_*, headless.
// - Frame → parent: `postMessage({ event_type, data: { message } })`. The SDK drops messages whose
//   origin is not the checkout origin or whose event_type is not in CHECKOUT_EVENT_TYPES.
// - `checkout.redirect` with `message.redirect_to`: the SDK sets `window.location.href` of the merchant
//   page (the frame's sandbox has no allow-top-navigation, so this message is the only way out).
// - `checkout.closed`: the SDK re-emits it and removes the frame 100 ms later (overlay has no close
//   button of its own: the frame covers the viewport, transparent, and draws backdrop and dialog itself).
// - Inline: the frame starts 0 px high and grows only from
//   `{ kind: '[dodo-iframe-resize]', type: 'child-ready' | 'size', height, width }` messages; the parent
//   answers `parent-ping` / `parent-ack`.

export const CHECKOUT_EVENT_TYPES = [
  'checkout.opened',
  'checkout.payment_page_opened',
  'checkout.customer_details_submitted',
  'checkout.closed',
  'checkout.error',
  'checkout.redirect',
  'checkout.resize',
  'checkout.breakdown',
  'checkout.link_expired',
  'checkout.status',
  'checkout.redirect_requested',
  'checkout.pay_button_clicked',
  'checkout.keys_provided',
  'checkout.form_ready',
] as const;

export type CheckoutEventType = (typeof CHECKOUT_EVENT_TYPES)[number];

export const IFRAME_RESIZE_KIND = '[dodo-iframe-resize]';

export type DisplayType = 'standalone' | 'overlay' | 'inline';

/** `/session/{id}`, `/overlay/session/{id}` or `/inline/session/{id}`, optionally followed by `/totals`, `/pay` or `/3ds`. */
export const CHECKOUT_PATH = /^\/(?:(overlay|inline)\/)?session\/([A-Za-z0-9_-]{1,64})(?:\/(totals|pay|3ds))?\/?$/;
