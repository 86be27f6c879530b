// `GET /sandbox/opener.js`: `window.DodoPaymentsSandbox`, the dodopayments-checkout API for sandbox URLs.
// The real SDK refuses any checkoutUrl outside Dodo's two checkout hosts, so a browser in dev loads this
// instead. Same calls, same frame URLs (/overlay|inline/session/…), same event shapes.
import { CHECKOUT_EVENT_TYPES, IFRAME_RESIZE_KIND } from './protocol';

export const OPENER_SCRIPT = `(function () {
  'use strict';
  if (window.DodoPaymentsSandbox) return;
  var RESIZE_KIND = ${JSON.stringify(IFRAME_RESIZE_KIND)};
  var EVENT_TYPES = ${JSON.stringify(CHECKOUT_EVENT_TYPES)};
  var config = null;
  var state = null;

  function emit(eventType, data) {
    if (!config || typeof config.onEvent !== 'function') return;
    var payload = Object.assign({}, data || {}, { products: [], timestamp: Date.now() });
    try { config.onEvent({ event_type: eventType, data: payload }); }
    catch (error) { console.error('Error in onEvent handler for ' + eventType + ':', error); }
  }

  function initialize(options) {
    if (!options || !options.mode) throw new Error('Checkout mode is required');
    if (options.mode !== 'test' && options.mode !== 'live') throw new Error('Invalid checkout mode');
    if (options.displayType && options.displayType !== 'overlay' && options.displayType !== 'inline') {
      throw new Error("Invalid display type. Must be 'overlay' or 'inline'");
    }
    config = {
      mode: options.mode,
      displayType: options.displayType || 'overlay',
      onEvent: options.onEvent || (config && config.onEvent) || null
    };
  }

  // /session/cks_… → /overlay/session/cks_… (or /inline/…), options as query parameters: as the real SDK does.
  function frameUrl(checkoutUrl, displayType, options) {
    var url;
    try { url = new URL(checkoutUrl, window.location.href); } catch (e) { throw new Error('Invalid checkout URL format'); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('Invalid checkout URL protocol');
    var parts = url.pathname.split('/').filter(function (part) { return part.length > 0; });
    var id = null;
    if (parts.length === 2 && parts[0] === 'session') id = parts[1];
    if (parts.length === 3 && (parts[0] === 'overlay' || parts[0] === 'inline') && parts[1] === 'session') id = parts[2];
    if (!id || !/^cks_[A-Za-z0-9_-]+$/.test(id)) throw new Error('Checkout URL must have the form <sandbox>/session/cks_…');
    url.pathname = '/' + displayType + '/session/' + id;
    options = options || {};
    ['showTimer', 'showSecurityBadge', 'manualRedirect', 'payButtonText', 'fontSize', 'fontWeight'].forEach(function (key) {
      if (options[key] !== undefined) url.searchParams.set(key, String(options[key]));
    });
    // themeConfig (deprecated in the real SDK, still sent): theme_<key>, theme_dark_<key>, theme_radius.
    var theme = options.themeConfig || {};
    [['light', 'theme'], ['dark', 'theme_dark']].forEach(function (mode) {
      var colours = theme[mode[0]] || {};
      Object.keys(colours).forEach(function (key) { if (colours[key]) url.searchParams.append(mode[1] + '_' + key, String(colours[key])); });
    });
    if (theme.radius) url.searchParams.append('theme_radius', theme.radius);
    return url;
  }

  function postToFrame(message) {
    if (state && state.iframe.contentWindow) state.iframe.contentWindow.postMessage(message, state.origin);
  }

  function onMessage(event) {
    if (!state || event.origin !== state.origin || event.source !== state.iframe.contentWindow) return;
    var message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.kind === RESIZE_KIND) {
      if (state.displayType !== 'inline') return;
      if (message.type === 'child-ready') postToFrame({ kind: RESIZE_KIND, type: 'parent-ack' });
      if (message.type === 'size' && typeof message.height === 'number' && isFinite(message.height)) {
        state.iframe.style.height = Math.max(0, Math.ceil(message.height)) + 'px';
      }
      return;
    }
    if (typeof message.event_type !== 'string' || EVENT_TYPES.indexOf(message.event_type) < 0) return;
    var data = message.data && typeof message.data === 'object' ? message.data : {};
    emit(message.event_type, data);
    if (message.event_type === 'checkout.closed') setTimeout(teardown, 100);
    if (message.event_type === 'checkout.redirect') {
      var target = data.message && data.message.redirect_to;
      var url = null;
      try { url = new URL(target); } catch (e) { /* handled below */ }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || String(target).length > 2048) {
        emit('checkout.error', { message: 'Invalid redirect URL' });
        return;
      }
      try { window.top.location.href = url.href; } catch (e) { window.location.href = url.href; }
    }
  }

  function onKeydown(event) {
    if (event.key === 'Escape' && state && state.displayType === 'overlay') close();
  }

  function open(options) {
    if (!config) throw new Error('Checkout not initialized');
    if (!options || !options.checkoutUrl) throw new Error('checkoutUrl is required for session checkout');
    var displayType = config.displayType;
    if (displayType === 'inline' && !options.elementId) throw new Error('elementId is required for inline checkout display type');
    if (state) { console.warn('Checkout is already open'); return; }
    var url = frameUrl(options.checkoutUrl, displayType, options.options);
    var target = null;
    if (displayType === 'inline') {
      target = document.getElementById(options.elementId);
      if (!target) throw new Error('Target element with ID "' + options.elementId + '" not found for inline checkout.');
    }

    var iframe = document.createElement('iframe');
    iframe.id = 'dodo-checkout-iframe';
    iframe.title = 'Checkout (Dodo Payments sandbox)';
    iframe.src = url.href;
    iframe.allow = 'payment';
    iframe.setAttribute('sandbox', 'allow-same-origin allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox');
    state = { iframe: iframe, container: null, origin: url.origin, displayType: displayType, returnFocus: document.activeElement, bodyOverflow: null };
    window.addEventListener('message', onMessage);

    if (displayType === 'inline') {
      iframe.style.cssText = 'display:block;width:100%;height:0;border:0;background:transparent;overflow:hidden;transition:height .2s ease-out;';
      iframe.addEventListener('load', function () { postToFrame({ kind: RESIZE_KIND, type: 'parent-ping' }); });
      target.appendChild(iframe);
      return;
    }

    // Overlay: a transparent frame over the whole viewport; the checkout page draws backdrop, dialog and close button.
    var container = document.createElement('div');
    container.id = 'dodo-checkout-sandbox-overlay';
    container.style.cssText = 'position:fixed;inset:0;z-index:2147483000;';
    iframe.style.cssText = 'display:block;width:100%;height:100%;border:0;background:transparent;';
    iframe.addEventListener('load', function () { iframe.focus(); });
    container.appendChild(iframe);
    state.container = container;
    state.bodyOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    document.body.appendChild(container);
    document.addEventListener('keydown', onKeydown);
    iframe.focus();
  }

  function teardown() {
    if (!state) return;
    var closing = state;
    state = null;
    window.removeEventListener('message', onMessage);
    document.removeEventListener('keydown', onKeydown);
    if (closing.container) closing.container.remove(); else closing.iframe.remove();
    if (closing.bodyOverflow !== null) document.body.style.overflow = closing.bodyOverflow;
    var back = closing.returnFocus;
    if (back && typeof back.focus === 'function' && document.contains(back)) back.focus();
  }

  function close() {
    if (!state) return;
    teardown();
    emit('checkout.closed', { message: 'Checkout closed manually' });
  }

  window.DodoPaymentsSandbox = {
    Initialize: initialize,
    Checkout: {
      open: open,
      close: close,
      isOpen: function () { return state !== null; }
    }
  };
})();
`;
