// Server-rendered HTML for the checkout page and its dead ends (unknown, expired, already paid).
import type { CheckoutSessionView, CheckoutTotals } from '../engine';
import { COUNTRIES, escapeHtml, formatMoney, jsonForScript } from './format';
import { CHECKOUT_PAGE_SCRIPT, type PageConfig } from './page-script';
import type { DisplayType } from './protocol';

/** Query parameters the embedding SDK adds from `Checkout.open({ options })` that change this page. */
export type PageOptions = { payButtonText: string | null; manualRedirect: boolean };

type Shell = { title: string; display: DisplayType; nonce: string; body: string; config: PageConfig };

function shell({ title, display, nonce, body, config }: Shell): string {
  return `<!doctype html>
<html lang="en" class="display-${display}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Dodo Payments sandbox</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
${display === 'overlay' ? '<div class="backdrop"></div>' : ''}
<div class="scroller">
${body}
</div>
<script type="application/json" id="checkout-config">${jsonForScript(config)}</script>
<script nonce="${nonce}">${CHECKOUT_PAGE_SCRIPT}</script>
</body>
</html>`;
}

function cardHeader(display: DisplayType, heading: string): string {
  const close =
    display === 'overlay' ? '<button type="button" class="close" data-close aria-label="Close checkout">&times;</button>' : '';
  return `<header class="card-head">
  <p class="badge">Test mode &middot; offline sandbox</p>
  <h1 id="checkout-title">${escapeHtml(heading)}</h1>
  ${close}
</header>`;
}

function dialogAttributes(display: DisplayType): string {
  return display === 'overlay' ? ' role="dialog" aria-modal="true" aria-labelledby="checkout-title"' : '';
}

function lineItem(line: CheckoutSessionView['product_cart'][number], currency: string): string {
  const price = formatMoney(line.unit_price * line.quantity, currency);
  const period = line.is_subscription ? ` / ${line.interval === 'Year' ? 'year' : 'month'}` : '';
  const trial =
    line.is_subscription && line.trial_period_days > 0
      ? `<span class="note">${line.trial_period_days}-day free trial</span>`
      : '';
  return `<li>
  <span class="item-name">${escapeHtml(line.name)}</span>
  <span class="item-qty">Qty ${line.quantity}</span>
  <span class="item-price">${escapeHtml(price + period)}</span>
  ${trial}
</li>`;
}

function countryOptions(selected: string): string {
  return COUNTRIES.map(
    (c) => `<option value="${c.code}"${c.code === selected ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
  ).join('');
}

/** Same rule as `payLabel` in the page script, which relabels the button when the country changes. */
function payButtonLabel(totals: CheckoutTotals, options: PageOptions, hasTrial: boolean): string {
  if (options.payButtonText) return options.payButtonText;
  if (totals.total === 0 && hasTrial) return 'Start free trial';
  return `Pay ${formatMoney(totals.total, totals.currency)}`;
}

export function renderCheckoutPage(args: {
  session: CheckoutSessionView;
  totals: CheckoutTotals;
  country: string;
  display: DisplayType;
  options: PageOptions;
  nonce: string;
}): string {
  const { session, totals, country, display, options, nonce } = args;
  const money = (minor: number) => escapeHtml(formatMoney(minor, totals.currency));
  const hasTrial = session.product_cart.some((l) => l.is_subscription && l.trial_period_days > 0);
  const email = session.customer?.email ?? '';
  const name = session.customer?.name ?? '';
  // The merchant named the customer when creating the session; the payment is theirs, so it is not editable here.
  const emailFixed = email ? ' readonly' : '';
  const nameFixed = name ? ' readonly' : '';
  const cancel =
    display === 'standalone' && session.cancel_url
      ? `<p class="cancel"><a href="${escapeHtml(session.cancel_url)}">Cancel and return to the merchant</a></p>`
      : '';
  const body = `<main class="card"${dialogAttributes(display)}>
${cardHeader(display, 'Checkout')}
<section aria-labelledby="summary-title" class="summary">
  <h2 id="summary-title">Order summary</h2>
  <ul class="cart">${session.product_cart.map((line) => lineItem(line, session.currency)).join('')}</ul>
  <dl class="totals" aria-live="polite">
    <div><dt>Subtotal</dt><dd id="subtotal">${money(totals.subtotal)}</dd></div>
    <div><dt>Tax <span id="tax-rate">(${formatRate(totals.tax_rate)})</span></dt><dd id="tax">${money(totals.tax)}</dd></div>
    <div class="grand"><dt>${hasTrial ? 'Due today' : 'Total'}</dt><dd id="total">${money(totals.total)}</dd></div>
  </dl>
</section>
<form id="pay-form" novalidate>
  <fieldset>
    <legend>Contact</legend>
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"${emailFixed}>
    <label for="name">Full name</label>
    <input id="name" name="name" type="text" autocomplete="name" required value="${escapeHtml(name)}"${nameFixed}>
  </fieldset>
  <fieldset>
    <legend>Billing address</legend>
    <label for="country">Country</label>
    <select id="country" name="country" autocomplete="country" required>${countryOptions(country)}</select>
    <label for="zipcode">ZIP or postal code <span class="optional">(optional)</span></label>
    <input id="zipcode" name="zipcode" type="text" autocomplete="postal-code">
  </fieldset>
  <fieldset>
    <legend>Payment method</legend>
    <div class="methods">
      <label class="method"><input type="radio" name="method" value="card" checked> Card</label>
      <label class="method"><input type="radio" name="method" value="upi"> UPI</label>
    </div>
    <div id="card-fields">
      <label for="card-number">Card number</label>
      <input id="card-number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
      <div class="row">
        <div>
          <label for="card-expiry">Expiry (MM / YY)</label>
          <input id="card-expiry" name="card_expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="12 / 34" required>
        </div>
        <div>
          <label for="card-cvc">CVC</label>
          <input id="card-cvc" name="card_cvc" type="text" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required>
        </div>
      </div>
    </div>
    <div id="upi-fields" hidden>
      <label for="upi-id">UPI ID</label>
      <input id="upi-id" name="upi_id" type="text" autocomplete="off" placeholder="success@upi" required disabled>
    </div>
  </fieldset>
  <div id="form-error" class="error" role="alert" hidden></div>
  <button type="submit" id="pay-button" class="pay">${escapeHtml(payButtonLabel(totals, options, hasTrial))}</button>
  <p class="hint">No money moves here. Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.
  UPI: success@upi, failure@upi.</p>
</form>
<div id="paid" class="paid" role="status" hidden tabindex="-1">
  <h2>Payment successful</h2>
  <p id="paid-detail">Thank you. You can close this window.</p>
</div>
${cancel}
</main>`;
  return shell({
    title: 'Checkout',
    display,
    nonce,
    body,
    config: {
      kind: 'checkout',
      display,
      sessionId: session.session_id,
      totals,
      payButtonText: options.payButtonText,
      manualRedirect: options.manualRedirect,
      hasTrial,
      event: null,
    },
  });
}

/** `tax_rate` is a percentage (19 for 19 %). */
function formatRate(ratePercent: number): string {
  return `${Math.round(ratePercent * 100) / 100}%`;
}

/** A page with a sentence and nothing to pay: unknown session, expired link, or already paid. */
export function renderMessagePage(args: {
  heading: string;
  message: string;
  display: DisplayType;
  nonce: string;
  link: { href: string; text: string } | null;
  event: PageConfig['event'];
}): string {
  const { heading, message, display, nonce, link, event } = args;
  const action =
    link && display === 'standalone' ? `<p><a class="button-link" href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  const body = `<main class="card"${dialogAttributes(display)}>
${cardHeader(display, heading)}
<p class="message">${escapeHtml(message)}</p>
${action}
</main>`;
  return shell({
    title: heading,
    display,
    nonce,
    body,
    config: {
      kind: 'message',
      display,
      sessionId: null,
      totals: null,
      payButtonText: null,
      manualRedirect: false,
      hasTrial: false,
      event,
    },
  });
}

const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.45;color:#1b1b1f}
body{margin:0}
.display-standalone body{background:#f3f4f6}
.display-overlay,.display-overlay body,.display-inline,.display-inline body{background:transparent}
.backdrop{position:fixed;inset:0;background:rgba(17,24,39,.55)}
.display-overlay .scroller{position:fixed;inset:0;overflow-y:auto;padding:24px 12px}
.display-standalone .scroller{padding:24px 12px}
.display-inline .scroller{padding:4px}
.card{position:relative;max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 10px 30px rgba(0,0,0,.12)}
.display-inline .card{box-shadow:none;border:1px solid #e5e7eb}
.card-head{margin-bottom:12px;padding-right:40px}
.badge{display:inline-block;margin:0 0 6px;padding:2px 8px;border-radius:999px;background:#fef3c7;color:#78350f;font-size:.75rem;font-weight:600}
h1{font-size:1.35rem;margin:0}
h2{font-size:1rem;margin:0 0 8px}
.close{position:absolute;top:12px;right:12px;width:40px;height:40px;border:0;border-radius:8px;background:transparent;font-size:1.6rem;line-height:1;cursor:pointer;color:#374151}
.close:hover{background:#f3f4f6}
.summary{border-bottom:1px solid #e5e7eb;padding-bottom:12px;margin-bottom:12px}
.cart{list-style:none;margin:0 0 8px;padding:0}
.cart li{display:grid;grid-template-columns:1fr auto;gap:0 12px;padding:6px 0}
.item-name{font-weight:600}
.item-qty{grid-row:2;color:#4b5563;font-size:.875rem}
.item-price{grid-column:2;grid-row:1;text-align:right}
.note{grid-column:1/3;color:#065f46;font-size:.875rem}
.totals{margin:0}
.totals div{display:flex;justify-content:space-between;padding:2px 0}
.totals dt{color:#4b5563}
.totals dd{margin:0}
.totals .grand{font-weight:700;border-top:1px solid #e5e7eb;margin-top:4px;padding-top:6px}
.totals .grand dt{color:inherit}
fieldset{border:0;margin:0 0 12px;padding:0}
legend{font-weight:700;margin-bottom:4px;padding:0}
label{display:block;margin:8px 0 4px;font-size:.9rem}
.optional{color:#6b7280}
input[type=text],input[type=email],select{width:100%;min-height:44px;padding:8px 10px;border:1px solid #9ca3af;border-radius:8px;font:inherit;background:#fff;color:inherit}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
input[aria-invalid=true]{border-color:#b91c1c}
input[readonly]{background:#f3f4f6;color:#374151}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.methods{display:flex;gap:12px;flex-wrap:wrap}
.method{display:flex;align-items:center;gap:8px;margin:0;min-height:44px;padding:0 12px;border:1px solid #9ca3af;border-radius:8px;cursor:pointer}
.method input{width:18px;height:18px;margin:0}
.error{margin:8px 0;padding:10px 12px;border-radius:8px;background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
.pay{width:100%;min-height:48px;margin-top:8px;border:0;border-radius:8px;background:#111827;color:#fff;font:inherit;font-weight:700;cursor:pointer}
.pay[disabled]{opacity:.6;cursor:progress}
.hint{color:#4b5563;font-size:.8rem;margin:10px 0 0}
.paid h2{font-size:1.2rem;color:#065f46}
.paid:focus{outline:none}
.message{margin:0 0 12px}
.cancel{margin:12px 0 0;text-align:center;font-size:.9rem}
a{color:#1d4ed8}
.button-link{display:inline-block;padding:10px 14px;border-radius:8px;background:#111827;color:#fff;text-decoration:none}
[hidden]{display:none!important}
`;
