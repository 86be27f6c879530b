// Server-rendered HTML for the checkout page and its dead ends (unknown, expired, already paid).
import type { CheckoutLook, CheckoutSessionView, CheckoutTotals } from '../engine';
import { COUNTRIES, escapeHtml, formatMoney, jsonForScript } from './format';
import { CHECKOUT_PAGE_SCRIPT, type PageConfig } from './page-script';
import type { DisplayType } from './protocol';

/** What shapes the page: `Checkout.open({ options })` query parameters over the session's `customization`. */
export type PageOptions = {
  payButtonText: string | null;
  manualRedirect: boolean;
  showTimer: boolean;
  showSecurityBadge: boolean;
  fontSize: CheckoutLook['font_size'];
  fontWeight: CheckoutLook['font_weight'];
  theme: CheckoutLook['theme'];
  radius: string | null;
  /** CSS colours by `ThemeModeConfig` key (bgPrimary, textPrimary, buttonPrimary…), per mode. */
  colours: { light: Record<string, string>; dark: Record<string, string> };
};

const FONT_SIZE_PX = { xs: 13, sm: 14, md: 16, lg: 17, xl: 18, '2xl': 20 } as const;
const FONT_WEIGHT = { normal: 400, medium: 500, bold: 700, extraBold: 800 } as const;
const COLOUR_VARIABLES: Record<string, string> = {
  bgPrimary: '--bg-card',
  bgSecondary: '--bg-page',
  borderPrimary: '--border',
  textPrimary: '--text',
  textSecondary: '--text-muted',
  buttonPrimary: '--button',
  buttonPrimaryHover: '--button-hover',
  buttonTextPrimary: '--button-text',
  textError: '--error',
  textSuccess: '--success',
  inputFocusBorder: '--focus',
};

function variables(colours: Record<string, string>): string {
  return Object.entries(colours)
    .filter(([key]) => COLOUR_VARIABLES[key])
    .map(([key, value]) => `${COLOUR_VARIABLES[key]}:${value}`)
    .join(';');
}

/** The merchant's font size, weight, radius and colours as CSS (values were validated when the options were read). */
function customStyles(options: PageOptions | null): string {
  if (!options) return '';
  const root = [
    options.fontSize && `font-size:${FONT_SIZE_PX[options.fontSize]}px`,
    options.fontWeight && `font-weight:${FONT_WEIGHT[options.fontWeight]}`,
    options.radius && `--radius:${options.radius}`,
    variables(options.colours.light),
  ].filter(Boolean);
  const dark = variables(options.colours.dark);
  return [
    root.length ? `html{${root.join(';')}}` : '',
    dark ? `.theme-dark{${dark}}@media (prefers-color-scheme:dark){.theme-system{${dark}}}` : '',
  ].join('');
}

type Shell = { title: string; display: DisplayType; nonce: string; body: string; config: PageConfig; options: PageOptions | null };

function shell({ title, display, nonce, body, config, options }: Shell): string {
  return `<!doctype html>
<html lang="en" class="display-${display} theme-${options?.theme ?? 'light'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Dodo Payments sandbox</title>
<style nonce="${nonce}">${STYLES}${customStyles(options)}</style>
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

function countryOption(c: { code: string; name: string }, selected: string): string {
  return `<option value="${c.code}"${c.code === selected ? ' selected' : ''}>${escapeHtml(c.name)}</option>`;
}

/**
 * The country list: the select starts with the chosen country only, and the page script moves the other
 * 248 in from an inert template once the page is idle (or when the buyer reaches for the select). Styling
 * and laying out 249 options took about 12 ms of the frame's first paint on a 2-core machine.
 */
function countrySelect(selected: string): string {
  const chosen = COUNTRIES.find((c) => c.code === selected) ?? COUNTRIES[0];
  return `<select id="country" name="country" autocomplete="country" required>${countryOption(chosen, chosen.code)}</select>
    <template id="country-options">${COUNTRIES.map((c) => countryOption(c, chosen.code)).join('')}</template>`;
}

/** Same rule as `payLabel` in the page script, which relabels the button when the country changes. */
function payButtonLabel(totals: CheckoutTotals, options: PageOptions, zeroLabel: string | null): string {
  if (options.payButtonText) return options.payButtonText;
  if (totals.total === 0 && zeroLabel) return zeroLabel;
  return `Pay ${formatMoney(totals.total, totals.currency)}`;
}

/** What the button says when nothing is due today: a trial starts, or a card is only saved. */
function zeroTotalLabel(session: CheckoutSessionView, hasTrial: boolean): string | null {
  if (session.purpose === 'update_payment_method') return 'Save card';
  return hasTrial ? 'Start free trial' : null;
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
  const updatingCard = session.purpose === 'update_payment_method';
  const zeroLabel = zeroTotalLabel(session, hasTrial);
  const email = session.customer?.email ?? '';
  const name = session.customer?.name ?? '';
  // The merchant named the customer when creating the session; the payment is theirs, so it is not editable here.
  const emailFixed = email ? ' readonly' : '';
  const nameFixed = name ? ' readonly' : '';
  const cancel =
    display === 'standalone' && session.cancel_url
      ? `<p class="cancel"><a href="${escapeHtml(session.cancel_url)}">Cancel and return to the merchant</a></p>`
      : '';
  const timer = options.showTimer
    ? `<p class="timer" id="timer" data-seconds-left="${session.expires_in_seconds}">This checkout expires in ${formatDuration(session.expires_in_seconds)}</p>`
    : '';
  const body = `<main class="card"${dialogAttributes(display)}>
${cardHeader(display, updatingCard ? 'Update payment method' : 'Checkout')}
${updatingCard ? '<p class="note" id="purpose-note">Your card is checked with a $0 authorisation and saved for this subscription. Nothing is charged now.</p>' : ''}
${timer}
<section aria-labelledby="summary-title" class="summary">
  <h2 id="summary-title">Order summary</h2>
  ${session.look.show_order_details ? `<ul class="cart">${session.product_cart.map((line) => lineItem(line, session.currency)).join('')}</ul>` : ''}
  <dl class="totals" aria-live="polite">
    <div><dt>Subtotal</dt><dd id="subtotal">${money(totals.subtotal)}</dd></div>
    ${totals.discount > 0 ? `<div><dt>Discount</dt><dd id="discount">-${money(totals.discount)}</dd></div>` : ''}
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
    ${countrySelect(country)}
    <label for="zipcode">ZIP or postal code <span class="optional">(optional)</span></label>
    <input id="zipcode" name="zipcode" type="text" autocomplete="postal-code">
  </fieldset>
  <fieldset>
    <legend>Payment method</legend>
    <div class="methods">
      ${session.methods.includes('card') ? '<label class="method"><input type="radio" name="method" value="card" checked> Card</label>' : ''}
      ${session.methods.includes('upi') ? `<label class="method"><input type="radio" name="method" value="upi"${session.methods.includes('card') ? '' : ' checked'}> UPI</label>` : ''}
    </div>
    <div id="card-fields"${session.methods.includes('card') ? '' : ' hidden'}>
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
  <button type="submit" id="pay-button" class="pay">${escapeHtml(payButtonLabel(totals, options, zeroLabel))}</button>
  <p class="hint">No money moves here. Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined,
  4000 0027 6000 3184 asks for 3D Secure. UPI: success@upi, failure@upi.</p>
  ${options.showSecurityBadge ? '<p class="secure" id="security-badge">Secured by Dodo Payments &middot; sandbox, no real card data</p>' : ''}
</form>
<section id="three-ds" class="three-ds" hidden aria-labelledby="three-ds-title">
  <h2 id="three-ds-title" tabindex="-1">3D Secure</h2>
  <p>Your bank asks you to confirm this payment. In the sandbox, choose what the bank would answer.</p>
  <div class="three-ds-actions">
    <button type="button" class="pay" data-three-ds="pass">Complete authentication</button>
    <button type="button" class="secondary" data-three-ds="fail">Fail authentication</button>
    <button type="button" class="secondary" data-three-ds="cancel">Cancel</button>
  </div>
</section>
<div id="paid" class="paid" role="status" hidden tabindex="-1">
  <h2>Payment successful</h2>
  <p id="paid-detail">Thank you. You can close this window.</p>
</div>
${cancel}
</main>`;
  return shell({
    title: updatingCard ? 'Update payment method' : 'Checkout',
    display,
    nonce,
    body,
    options,
    config: {
      kind: 'checkout',
      display,
      sessionId: session.session_id,
      totals,
      payButtonText: options.payButtonText,
      manualRedirect: options.manualRedirect,
      zeroLabel,
      event: null,
      walletKeys: display === 'inline' && session.wallets ? { publishable_key: `pk_sandbox_${session.session_id}`, client_secret_key: `${session.session_id}_secret_sandbox`, return_url: session.return_url } : null,
      pendingThreeDsPaymentId: session.pending_three_ds_payment_id,
    },
  });
}

/** Same format as the page script's countdown. */
function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
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
    options: null,
    config: {
      kind: 'message',
      display,
      sessionId: null,
      totals: null,
      payButtonText: null,
      manualRedirect: false,
      zeroLabel: null,
      event,
      walletKeys: null,
      pendingThreeDsPaymentId: null,
    },
  });
}

const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{--bg-card:#fff;--bg-page:#f3f4f6;--border:#9ca3af;--text:#1b1b1f;--text-muted:#4b5563;--button:#111827;--button-hover:#1f2937;--button-text:#fff;--error:#991b1b;--success:#065f46;--focus:#2563eb;--radius:8px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.45;color:var(--text)}
.theme-dark{--bg-card:#111827;--bg-page:#030712;--border:#4b5563;--text:#f3f4f6;--text-muted:#9ca3af;--button:#f3f4f6;--button-hover:#e5e7eb;--button-text:#111827;--error:#fca5a5;--success:#6ee7b7;--focus:#60a5fa}
@media (prefers-color-scheme:dark){.theme-system{--bg-card:#111827;--bg-page:#030712;--border:#4b5563;--text:#f3f4f6;--text-muted:#9ca3af;--button:#f3f4f6;--button-hover:#e5e7eb;--button-text:#111827;--error:#fca5a5;--success:#6ee7b7;--focus:#60a5fa}}
/* The frame's colour scheme matches the page around it: a mismatch makes Chromium paint the overlay's frame opaque. */
.theme-light{color-scheme:light}.theme-dark{color-scheme:dark}.theme-system{color-scheme:light dark}
body{margin:0}
.display-standalone body{background:var(--bg-page)}
.display-overlay,.display-overlay body,.display-inline,.display-inline body{background:transparent}
.backdrop{position:fixed;inset:0;background:rgba(17,24,39,.55)}
.display-overlay .scroller{position:fixed;inset:0;overflow-y:auto;padding:24px 12px}
.display-standalone .scroller{padding:24px 12px}
.display-inline .scroller{padding:4px}
.card{position:relative;max-width:480px;margin:0 auto;background:var(--bg-card);border-radius:calc(var(--radius) + 4px);padding:20px;box-shadow:0 10px 30px rgba(0,0,0,.12)}
.display-inline .card{box-shadow:none;border:1px solid var(--border)}
.card-head{margin-bottom:12px;padding-right:40px}
.badge{display:inline-block;margin:0 0 6px;padding:2px 8px;border-radius:999px;background:#fef3c7;color:#78350f;font-size:.75rem;font-weight:600}
h1{font-size:1.35rem;margin:0}
h2{font-size:1rem;margin:0 0 8px}
.close{position:absolute;top:12px;right:12px;width:40px;height:40px;border:0;border-radius:var(--radius);background:transparent;font-size:1.6rem;line-height:1;cursor:pointer;color:var(--text-muted)}
.close:hover{background:var(--bg-page)}
.timer{margin:0 0 8px;color:var(--text-muted);font-size:.875rem}
.summary{border-bottom:1px solid var(--border);padding-bottom:12px;margin-bottom:12px}
.cart{list-style:none;margin:0 0 8px;padding:0}
.cart li{display:grid;grid-template-columns:1fr auto;gap:0 12px;padding:6px 0}
.item-name{font-weight:600}
.item-qty{grid-row:2;color:var(--text-muted);font-size:.875rem}
.item-price{grid-column:2;grid-row:1;text-align:right}
.note{grid-column:1/3;color:var(--success);font-size:.875rem}
.totals{margin:0}
.totals div{display:flex;justify-content:space-between;padding:2px 0}
.totals dt{color:var(--text-muted)}
.totals dd{margin:0}
.totals .grand{font-weight:700;border-top:1px solid var(--border);margin-top:4px;padding-top:6px}
.totals .grand dt{color:inherit}
fieldset{border:0;margin:0 0 12px;padding:0}
legend{font-weight:700;margin-bottom:4px;padding:0}
label{display:block;margin:8px 0 4px;font-size:.9rem}
.optional{color:var(--text-muted)}
input[type=text],input[type=email],select{width:100%;min-height:44px;padding:8px 10px;border:1px solid var(--border);border-radius:var(--radius);font:inherit;background:var(--bg-card);color:inherit}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
input[aria-invalid=true]{border-color:var(--error)}
input[readonly]{background:var(--bg-page);color:var(--text-muted)}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.methods{display:flex;gap:12px;flex-wrap:wrap}
.method{display:flex;align-items:center;gap:8px;margin:0;min-height:44px;padding:0 12px;border:1px solid var(--border);border-radius:var(--radius);cursor:pointer}
.method input{width:18px;height:18px;margin:0}
.error{margin:8px 0;padding:10px 12px;border-radius:var(--radius);background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
.pay{width:100%;min-height:48px;margin-top:8px;border:0;border-radius:var(--radius);background:var(--button);color:var(--button-text);font:inherit;font-weight:700;cursor:pointer}
.pay:hover{background:var(--button-hover)}
.pay[disabled]{opacity:.6;cursor:progress}
.secondary{width:100%;min-height:44px;margin-top:8px;border:1px solid var(--border);border-radius:var(--radius);background:transparent;color:inherit;font:inherit;cursor:pointer}
.hint,.secure{color:var(--text-muted);font-size:.8rem;margin:10px 0 0}
.three-ds{border-top:1px solid var(--border);padding-top:12px}
.paid h2{font-size:1.2rem;color:var(--success)}
.paid:focus{outline:none}
.message{margin:0 0 12px}
.cancel{margin:12px 0 0;text-align:center;font-size:.9rem}
a{color:var(--focus)}
.button-link{display:inline-block;padding:10px 14px;border-radius:var(--radius);background:var(--button);color:var(--button-text);text-decoration:none}
[hidden]{display:none!important}
`;
