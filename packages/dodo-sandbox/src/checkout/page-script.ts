// The checkout page's browser script: the form, totals by country, paying, and the embed protocol.
// Plain ES2017 in a string (the page has no build step); every request it makes is a relative URL,
// because a test may serve the page under https://test.checkout.dodopayments.com.
import type { CheckoutTotals } from '../engine';
import { IFRAME_RESIZE_KIND, type CheckoutEventType, type DisplayType } from './protocol';

export type PageConfig = {
  kind: 'checkout' | 'message';
  display: DisplayType;
  sessionId: string | null;
  totals: CheckoutTotals | null;
  payButtonText: string | null;
  manualRedirect: boolean;
  /** The button's words when nothing is due today (a trial, a saved card); null shows "Pay $0.00". */
  zeroLabel: string | null;
  /** Sent to the embedding page once, on load (message pages: link expired, not found…). */
  event: { event_type: CheckoutEventType; message: unknown } | null;
  /** `checkout.keys_provided` for the SDK's wallet element (inline, when the session allows Apple/Google Pay). */
  walletKeys: { publishable_key: string; client_secret_key: string; return_url: string | null } | null;
  /** A payment already waiting for its 3D Secure challenge: the page opens on the challenge. */
  pendingThreeDsPaymentId: string | null;
};

export const CHECKOUT_PAGE_SCRIPT = `(function () {
  'use strict';
  var RESIZE_KIND = ${JSON.stringify(IFRAME_RESIZE_KIND)};
  var config = JSON.parse(document.getElementById('checkout-config').textContent);
  var embedded = window.parent !== window;
  var display = config.display;

  // Where our postMessages may go: the page that embeds us, as far as the browser tells us.
  var parentOrigin = (function () {
    var origin = null;
    try {
      var ancestors = window.location.ancestorOrigins;
      if (ancestors && ancestors.length) origin = ancestors[0];
    } catch (e) { /* not available */ }
    if (!origin && document.referrer) {
      try { origin = new URL(document.referrer).origin; } catch (e) { /* no referrer */ }
    }
    return origin && origin !== 'null' ? origin : '*';
  })();

  function send(eventType, message) {
    if (!embedded) return;
    window.parent.postMessage({ event_type: eventType, data: { message: message } }, parentOrigin);
  }

  function $(id) { return document.getElementById(id); }

  // ---- inline: the SDK sizes the frame from these messages (it starts 0 px high) ----
  if (embedded && display === 'inline') {
    var scroller = document.querySelector('.scroller');
    var lastHeight = -1;
    var postResize = function (message) { window.parent.postMessage(message, parentOrigin); };
    var postSize = function (force) {
      var height = Math.ceil(scroller.getBoundingClientRect().height);
      if (!force && height === lastHeight) return;
      lastHeight = height;
      postResize({ kind: RESIZE_KIND, type: 'size', height: height, width: Math.ceil(document.documentElement.getBoundingClientRect().width) });
    };
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent) return;
      var data = event.data;
      if (!data || data.kind !== RESIZE_KIND) return;
      if (data.type === 'parent-ping') {
        postResize({ kind: RESIZE_KIND, type: 'child-ready' });
        postSize(true);
      }
    });
    postResize({ kind: RESIZE_KIND, type: 'child-ready' });
    postSize(true);
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(function () { postSize(false); }).observe(scroller);
    } else {
      window.setInterval(function () { postSize(false); }, 250);
    }
  }

  // ---- overlay: the frame covers the merchant page; we draw the dialog, close it, and keep focus in it ----
  var card = document.querySelector('.card');

  // ---- checkout.resize: the card's size, whenever it changes (the SDK passes it to onEvent) ----
  if (embedded && card && typeof ResizeObserver !== 'undefined') {
    var lastCardSize = '';
    new ResizeObserver(function () {
      var rect = card.getBoundingClientRect();
      var size = Math.ceil(rect.width) + 'x' + Math.ceil(rect.height);
      if (size === lastCardSize) return;
      lastCardSize = size;
      send('checkout.resize', { height: Math.ceil(rect.height), width: Math.ceil(rect.width) });
    }).observe(card);
  }
  function closeOverlay() { send('checkout.closed', 'Checkout closed by the customer'); }
  if (display === 'overlay') {
    Array.prototype.forEach.call(document.querySelectorAll('[data-close]'), function (button) {
      button.addEventListener('click', closeOverlay);
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { event.preventDefault(); closeOverlay(); return; }
      if (event.key !== 'Tab') return;
      var focusable = Array.prototype.filter.call(
        card.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'),
        function (el) { return !el.disabled && el.offsetParent !== null; }
      );
      if (!focusable.length) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
  }

  if (config.kind === 'message') {
    if (config.event) send(config.event.event_type, config.event.message);
    var closeButton = document.querySelector('[data-close]');
    if (closeButton) closeButton.focus();
    return;
  }

  // ---- the checkout form ----
  var sessionId = config.sessionId;
  var base = '/session/' + encodeURIComponent(sessionId);
  var form = $('pay-form');
  var errorBox = $('form-error');
  var payButton = $('pay-button');
  var country = $('country');
  // The full country list waits in a template until the page is idle or the buyer reaches for the select.
  var countryList = $('country-options');
  function fillCountries() {
    if (!countryList) return;
    var chosen = country.value;
    country.replaceChildren(countryList.content);
    countryList = null;
    country.value = chosen;
  }
  ['focus', 'mousedown', 'keydown', 'touchstart'].forEach(function (type) { country.addEventListener(type, fillCountries); });
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fillCountries, { timeout: 500 });
  else window.setTimeout(fillCountries, 100);
  var totals = config.totals;
  var busy = false;

  function money(minor, currency) {
    try {
      var format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency });
      return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits));
    } catch (e) {
      return (minor / 100).toFixed(2) + ' ' + currency;
    }
  }

  function payLabel() {
    if (config.payButtonText) return config.payButtonText;
    if (totals.total === 0 && config.zeroLabel) return config.zeroLabel;
    return 'Pay ' + money(totals.total, totals.currency);
  }

  function sendBreakdown() {
    send('checkout.breakdown', {
      subTotal: totals.subtotal,
      discount: totals.discount,
      tax: totals.tax,
      total: totals.total,
      currency: totals.currency,
      finalTotal: totals.total,
      finalTotalCurrency: totals.currency
    });
  }

  function applyTotals(next) {
    totals = next;
    $('subtotal').textContent = money(totals.subtotal, totals.currency);
    if ($('discount')) $('discount').textContent = '-' + money(totals.discount, totals.currency);
    $('tax').textContent = money(totals.tax, totals.currency);
    $('tax-rate').textContent = '(' + Math.round(totals.tax_rate * 100) / 100 + '%)';
    $('total').textContent = money(totals.total, totals.currency);
    if (!busy) payButton.textContent = payLabel();
    sendBreakdown();
  }

  function showError(message, field) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', 'form-error');
      field.focus();
    }
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
    });
  }

  function setBusy(value) {
    busy = value;
    payButton.disabled = value;
    payButton.setAttribute('aria-busy', value ? 'true' : 'false');
    payButton.textContent = value ? 'Processing…' : payLabel();
  }

  function method() {
    var checked = form.querySelector('input[name="method"]:checked');
    return checked ? checked.value : 'card';
  }

  function showMethod() {
    var upi = method() === 'upi';
    $('card-fields').hidden = upi;
    $('upi-fields').hidden = !upi;
    Array.prototype.forEach.call($('card-fields').querySelectorAll('input'), function (el) { el.disabled = upi; });
    $('upi-id').disabled = !upi;
  }
  Array.prototype.forEach.call(form.querySelectorAll('input[name="method"]'), function (radio) {
    radio.addEventListener('change', showMethod);
  });

  var totalsRequest = 0;
  country.addEventListener('change', function () {
    var request = ++totalsRequest;
    fetch(base + '/totals?country=' + encodeURIComponent(country.value), { headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (next) { if (request === totalsRequest) applyTotals(next); })
      .catch(function () {
        if (request === totalsRequest) showError('The tax for this country could not be loaded. Choose the country again.');
      });
  });

  function expiryProblem(value) {
    var match = /^(\\d{1,2})\\s*\\/?\\s*(\\d{2}|\\d{4})$/.exec(value.trim());
    if (!match) return 'Enter the expiry date as MM / YY.';
    var month = Number(match[1]);
    var year = Number(match[2].length === 2 ? '20' + match[2] : match[2]);
    if (month < 1 || month > 12) return 'Enter the expiry date as MM / YY.';
    var now = new Date();
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) return 'This card has expired.';
    return null;
  }

  function validate() {
    var email = $('email');
    if (!/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(email.value.trim())) return { field: email, message: 'Enter a valid email address.' };
    var name = $('name');
    if (!name.value.trim()) return { field: name, message: 'Enter your full name.' };
    if (!country.value) return { field: country, message: 'Choose your country.' };
    if (method() === 'upi') {
      var upi = $('upi-id');
      if (!/^[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}$/.test(upi.value.trim())) return { field: upi, message: 'Enter a valid UPI ID, such as name@bank.' };
      return null;
    }
    var number = $('card-number');
    if (!/^\\d{12,19}$/.test(number.value.replace(/[\\s-]/g, ''))) return { field: number, message: 'Enter a valid card number.' };
    var expiry = $('card-expiry');
    var expiryMessage = expiryProblem(expiry.value);
    if (expiryMessage) return { field: expiry, message: expiryMessage };
    var cvc = $('card-cvc');
    if (!/^\\d{3,4}$/.test(cvc.value.trim())) return { field: cvc, message: 'Enter the 3 or 4 digit security code.' };
    return null;
  }

  function succeeded(result) {
    form.hidden = true;
    var paid = $('paid');
    var detail = $('paid-detail');
    paid.hidden = false;
    send('checkout.status', { status: 'succeeded', payment_id: result.payment_id, subscription_id: result.subscription_id });
    if (result.redirect_url) {
      detail.textContent = 'Returning you to the merchant… ';
      var link = document.createElement('a');
      link.href = result.redirect_url;
      link.target = '_top';
      link.textContent = 'Continue';
      detail.appendChild(link);
      if (embedded) {
        send(config.manualRedirect ? 'checkout.redirect_requested' : 'checkout.redirect', { redirect_to: result.redirect_url });
      } else {
        window.location.assign(result.redirect_url);
      }
    }
    paid.focus();
  }

  var threeDs = $('three-ds');
  function showThreeDs(paymentId) {
    form.hidden = true;
    threeDs.hidden = false;
    send('checkout.status', { status: 'requires_customer_action', payment_id: paymentId });
    $('three-ds-title').focus();
  }

  Array.prototype.forEach.call(threeDs.querySelectorAll('[data-three-ds]'), function (button) {
    button.addEventListener('click', function () {
      Array.prototype.forEach.call(threeDs.querySelectorAll('button'), function (b) { b.disabled = true; });
      post('/3ds', { outcome: button.getAttribute('data-three-ds') }).then(function (answer) {
        Array.prototype.forEach.call(threeDs.querySelectorAll('button'), function (b) { b.disabled = false; });
        threeDs.hidden = true;
        form.hidden = false;
        handleAnswer(answer);
      }, networkFailure);
    });
  });

  function failed(result) {
    setBusy(false);
    send('checkout.status', {
      status: result.status === 'cancelled' ? 'cancelled' : 'failed',
      payment_id: result.payment_id,
      error_code: result.error_code,
      error_message: result.error_message
    });
    var retryField = method() === 'upi' ? $('upi-id') : $('card-number');
    showError((result.error_message || 'Your payment was declined.') + ' Try again or use another payment method.');
    retryField.focus();
    retryField.select();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    clearError();
    var problem = validate();
    if (problem) { showError(problem.message, problem.field); return; }

    var upi = method() === 'upi';
    var zipcode = $('zipcode').value.trim();
    var customer = { email: $('email').value.trim(), name: $('name').value.trim() };
    var billing = { country: country.value };
    if (zipcode) billing.zipcode = zipcode;
    var body = {
      payment_method: upi ? 'upi' : 'card',
      email: customer.email,
      name: customer.name,
      billing_address: billing
    };
    if (upi) {
      body.upi_id = $('upi-id').value.trim();
    } else {
      body.card_number = $('card-number').value.replace(/[\\s-]/g, '');
      body.card_expiry = $('card-expiry').value.trim();
      body.card_cvc = $('card-cvc').value.trim();
    }
    send('checkout.customer_details_submitted', { customer: customer, billing_address: billing });
    send('checkout.pay_button_clicked', { payment_method: body.payment_method });
    setBusy(true);
    post('/pay', body).then(handleAnswer, networkFailure);
  });

  function post(path, body) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function handleAnswer(answer) {
    if (answer.ok && answer.data.status === 'succeeded') return succeeded(answer.data);
    if (answer.ok && answer.data.status === 'requires_customer_action') return showThreeDs(answer.data.payment_id);
    if (answer.ok) return failed(answer.data);
    var message = answer.data.message || 'The payment could not be processed (HTTP ' + answer.status + ').';
    setBusy(false);
    showError(message);
    if (answer.status === 409) payButton.disabled = true;
    if (answer.status !== 422) send('checkout.error', { message: message, code: answer.data.code || null });
  }

  function networkFailure() {
    setBusy(false);
    var message = 'The connection to the checkout failed. Check your network and try again.';
    showError(message);
    send('checkout.error', { message: message });
  }

  // ---- the expiry timer (showTimer): counts down from the sandbox's clock, not the browser's ----
  var timer = $('timer');
  if (timer) {
    var secondsLeft = Number(timer.getAttribute('data-seconds-left'));
    var started = Date.now();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    var tick = function () {
      var left = Math.max(0, secondsLeft - Math.floor((Date.now() - started) / 1000));
      timer.textContent = 'This checkout expires in ' + Math.floor(left / 3600) + ':' + pad(Math.floor((left % 3600) / 60)) + ':' + pad(left % 60);
      if (left === 0) { window.clearInterval(timerId); send('checkout.link_expired', 'This checkout link has expired.'); }
    };
    var timerId = window.setInterval(tick, 1000);
  }

  send('checkout.opened', { session_id: sessionId });
  send('checkout.payment_page_opened', { session_id: sessionId });
  if (config.walletKeys) send('checkout.keys_provided', config.walletKeys);
  send('checkout.form_ready', { session_id: sessionId });
  sendBreakdown();
  if (config.pendingThreeDsPaymentId) showThreeDs(config.pendingThreeDsPaymentId);

  var firstEmpty = Array.prototype.filter.call(form.querySelectorAll('input[type=text], input[type=email]'), function (el) {
    return !el.value && !el.disabled && el.id !== 'zipcode';
  })[0];
  // Without preventScroll the card-number field, low in the dialog, would scroll heading, close button and summary out of view.
  if (display !== 'inline' && firstEmpty) firstEmpty.focus({ preventScroll: true });
})();
`;
