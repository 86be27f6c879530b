// HTTP routes of the hosted checkout: the page, its totals and pay calls, and the dev opener script.
//
//   GET  /session/{id}                 the page, standalone (hosted redirect)
//   GET  /overlay/session/{id}         the page inside the SDK's overlay frame
//   GET  /inline/session/{id}          the page inside the SDK's inline frame
//   GET  /session/{id}/totals?country= JSON CheckoutTotals
//   POST /session/{id}/pay             JSON PayResult, or { code, message } with 404/409/422
//   POST /session/{id}/3ds             { outcome: pass | fail | cancel } → JSON PayResult (the 3D Secure challenge)
//   GET  /sandbox/opener.js            window.DodoPaymentsSandbox
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CheckoutSessionView, CheckoutTotals, PayInput, SandboxEngine } from '../engine';
import { isCountryCode } from './format';
import { OPENER_SCRIPT } from './opener';
import { renderCheckoutPage, renderMessagePage, type PageOptions } from './page';
import { CHECKOUT_PATH, type DisplayType } from './protocol';

const MAX_BODY_BYTES = 16 * 1024;

export async function handleCheckoutPageRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  engine: SandboxEngine,
): Promise<boolean> {
  if (url.pathname === '/sandbox/opener.js') {
    if (!allowMethod(req, res, ['GET', 'HEAD'])) return true;
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    });
    res.end(OPENER_SCRIPT);
    return true;
  }

  const match = CHECKOUT_PATH.exec(url.pathname);
  if (!match) return false;
  const embed = match[1] as 'overlay' | 'inline' | undefined;
  const sessionId = match[2];
  const action = match[3] as 'totals' | 'pay' | '3ds' | undefined;

  if (action && embed) return false; // the page always calls /session/{id}/…
  if (action === 'totals') {
    if (allowMethod(req, res, ['GET', 'HEAD'])) serveTotals(res, url, sessionId, engine);
    return true;
  }
  if (action === 'pay') {
    if (allowMethod(req, res, ['POST'])) await servePay(req, res, sessionId, engine);
    return true;
  }
  if (action === '3ds') {
    if (allowMethod(req, res, ['POST'])) await serveThreeDs(req, res, sessionId, engine);
    return true;
  }
  if (allowMethod(req, res, ['GET', 'HEAD'])) servePage(res, url, sessionId, embed ?? 'standalone', engine);
  return true;
}

function servePage(res: ServerResponse, url: URL, sessionId: string, display: DisplayType, engine: SandboxEngine): void {
  const nonce = randomBytes(16).toString('base64');
  const session = engine.getCheckoutSession(sessionId);
  if (!session) {
    const message = 'This checkout link does not exist. Ask the merchant for a new one.';
    sendHtml(res, 404, nonce, renderMessagePage({
      heading: 'Checkout not found', message, display, nonce, link: null,
      event: { event_type: 'checkout.error', message },
    }));
    return;
  }
  if (session.status === 'succeeded') {
    sendHtml(res, 200, nonce, renderMessagePage({
      heading: 'Already paid',
      message: 'This checkout has already been paid. Nothing more is due.',
      display, nonce,
      link: session.return_url ? { href: session.return_url, text: 'Return to the merchant' } : null,
      event: { event_type: 'checkout.opened', message: { session_id: session.session_id } },
    }));
    return;
  }
  if (session.status === 'expired') {
    const message = 'This checkout link has expired. Ask the merchant for a new one.';
    sendHtml(res, 410, nonce, renderMessagePage({
      heading: 'Checkout expired', message, display, nonce,
      link: session.cancel_url ? { href: session.cancel_url, text: 'Return to the merchant' } : null,
      event: { event_type: 'checkout.link_expired', message },
    }));
    return;
  }
  const requested = url.searchParams.get('country')?.toUpperCase() ?? '';
  const country = isCountryCode(requested) ? requested : (session.billing_country ?? 'US');
  const totals = engine.checkoutTotals(sessionId, country) ?? untaxedTotals(session);
  const options = pageOptions(url.searchParams, session);
  sendHtml(res, 200, nonce, renderCheckoutPage({ session, totals, country, display, options, nonce }));
}

const FONT_SIZES = ['xs', 'sm', 'md', 'lg', 'xl', '2xl'] as const;
const FONT_WEIGHTS = ['normal', 'medium', 'bold', 'extraBold'] as const;
/** The colour keys `Checkout.open({ options: { themeConfig } })` sends as `theme_<key>` and `theme_dark_<key>`. */
const COLOUR_KEYS = ['bgPrimary', 'bgSecondary', 'borderPrimary', 'textPrimary', 'textSecondary', 'buttonPrimary', 'buttonPrimaryHover', 'buttonTextPrimary', 'textError', 'textSuccess', 'inputFocusBorder'] as const;
const CSS_COLOUR = /^(#[0-9a-fA-F]{3,8}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\)|[a-zA-Z]{3,20})$/;
const CSS_LENGTH = /^\d+(\.\d+)?(px|rem|em)$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function colours(query: URLSearchParams, prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of COLOUR_KEYS) {
    const value = query.get(`${prefix}_${key}`);
    if (value && CSS_COLOUR.test(value)) found[key] = value;
  }
  return found;
}

/** `Checkout.open` options (query parameters) win over the session's `customization`; unknown values are ignored. */
function pageOptions(query: URLSearchParams, session: CheckoutSessionView): PageOptions {
  const radius = query.get('theme_radius');
  return {
    payButtonText: query.get('payButtonText')?.slice(0, 60) || session.look.pay_button_text,
    manualRedirect: query.get('manualRedirect') === 'true',
    showTimer: query.get('showTimer') !== 'false',
    showSecurityBadge: query.get('showSecurityBadge') !== 'false',
    fontSize: oneOf(query.get('fontSize'), FONT_SIZES) ?? session.look.font_size,
    fontWeight: oneOf(query.get('fontWeight'), FONT_WEIGHTS) ?? session.look.font_weight,
    theme: session.look.theme,
    radius: radius && CSS_LENGTH.test(radius) ? radius : session.look.radius,
    colours: { light: colours(query, 'theme'), dark: colours(query, 'theme_dark') },
  };
}

function untaxedTotals(session: CheckoutSessionView): CheckoutTotals {
  const subtotal = session.product_cart.reduce((sum, line) => sum + line.unit_price * line.quantity, 0);
  return { subtotal, discount: 0, tax: 0, total: subtotal, tax_rate: 0, currency: session.currency };
}

function serveTotals(res: ServerResponse, url: URL, sessionId: string, engine: SandboxEngine): void {
  const country = url.searchParams.get('country')?.toUpperCase() ?? '';
  if (!isCountryCode(country)) {
    sendJson(res, 422, { code: 'INVALID_COUNTRY', message: 'country must be an ISO 3166-1 alpha-2 code' });
    return;
  }
  let totals: CheckoutTotals | null;
  try {
    totals = engine.checkoutTotals(sessionId, country);
  } catch (error) {
    const status = errorStatus(error);
    if (status === null) throw error;
    sendJson(res, status, { code: errorCode(error), message: (error as Error).message });
    return;
  }
  if (!totals) {
    sendJson(res, 404, { code: 'NOT_FOUND', message: `Checkout session ${sessionId} not found` });
    return;
  }
  sendJson(res, 200, totals);
}

const optionalText = (max: number) => z.string().trim().max(max).optional();

const PayBody = z.object({
  payment_method: z.enum(['card', 'upi']),
  email: optionalText(254),
  name: optionalText(200),
  billing_address: z.object({
    country: z.string().refine(isCountryCode, 'country must be an ISO 3166-1 alpha-2 code'),
    city: optionalText(100),
    state: optionalText(100),
    street: optionalText(200),
    zipcode: optionalText(32),
  }),
  card_number: optionalText(32),
  card_expiry: optionalText(16),
  card_cvc: optionalText(8),
  upi_id: optionalText(320),
});

async function servePay(req: IncomingMessage, res: ServerResponse, sessionId: string, engine: SandboxEngine): Promise<void> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    sendJson(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the payment as application/json' });
    return;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req));
  } catch (error) {
    const tooLarge = error instanceof Error && error.message === 'body too large';
    sendJson(res, tooLarge ? 413 : 400, { code: 'INVALID_REQUEST', message: tooLarge ? 'Request body too large' : 'Request body is not JSON' });
    return;
  }
  const parsed = PayBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    sendJson(res, 422, { code: 'INVALID_REQUEST', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
    return;
  }
  const body = parsed.data;
  const cardProblem = body.payment_method === 'card' ? checkCardDetails(body.card_number, body.card_expiry, body.card_cvc) : null;
  if (cardProblem) {
    sendJson(res, 422, { code: 'INVALID_CARD_DETAILS', message: cardProblem });
    return;
  }
  if (body.payment_method === 'upi' && !body.upi_id) {
    sendJson(res, 422, { code: 'INVALID_REQUEST', message: 'upi_id is required for a UPI payment' });
    return;
  }
  const input: PayInput = {
    email: body.email || undefined,
    name: body.name || undefined,
    billing_address: body.billing_address,
    ...(body.payment_method === 'card' ? { card_number: body.card_number?.replace(/[\s-]/g, '') } : { upi_id: body.upi_id }),
  };
  try {
    sendJson(res, 200, await engine.payCheckoutSession(sessionId, input));
  } catch (error) {
    const status = errorStatus(error);
    if (status === null) throw error;
    sendJson(res, status, { code: errorCode(error), message: (error as Error).message });
  }
}

async function serveThreeDs(req: IncomingMessage, res: ServerResponse, sessionId: string, engine: SandboxEngine): Promise<void> {
  let parsed: z.ZodSafeParseResult<{ outcome: 'pass' | 'fail' | 'cancel' }>;
  try {
    parsed = z.object({ outcome: z.enum(['pass', 'fail', 'cancel']) }).safeParse(JSON.parse(await readBody(req)));
  } catch {
    sendJson(res, 400, { code: 'INVALID_REQUEST', message: 'Request body is not JSON' });
    return;
  }
  if (!parsed.success) {
    sendJson(res, 422, { code: 'INVALID_REQUEST', message: 'outcome must be pass, fail or cancel' });
    return;
  }
  try {
    sendJson(res, 200, await engine.completeThreeDs(sessionId, parsed.data.outcome));
  } catch (error) {
    const status = errorStatus(error);
    if (status === null) throw error;
    sendJson(res, status, { code: errorCode(error), message: (error as Error).message });
  }
}

/** Expiry and CVC never reach the engine (it decides by card number), so they are checked here. */
function checkCardDetails(number: string | undefined, expiry: string | undefined, cvc: string | undefined): string | null {
  if (!number || !/^\d{12,19}$/.test(number.replace(/[\s-]/g, ''))) return 'Enter a valid card number.';
  const match = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(expiry ?? '');
  if (!match) return 'Enter the expiry date as MM / YY.';
  const month = Number(match[1]);
  const year = Number(match[2].length === 2 ? `20${match[2]}` : match[2]);
  if (month < 1 || month > 12) return 'Enter the expiry date as MM / YY.';
  const now = new Date();
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) return 'This card has expired.';
  if (!/^\d{3,4}$/.test(cvc ?? '')) return 'Enter the 3 or 4 digit security code.';
  return null;
}

function errorStatus(error: unknown): number | null {
  const status = error instanceof Error ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'CHECKOUT_ERROR';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function allowMethod(req: IncomingMessage, res: ServerResponse, methods: string[]): boolean {
  if (methods.includes(req.method ?? 'GET')) return true;
  res.writeHead(405, { allow: methods.join(', '), 'content-type': 'application/json' });
  res.end(JSON.stringify({ code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here` }));
  return false;
}

function sendHtml(res: ServerResponse, status: number, nonce: string, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Framing stays allowed (the SDK embeds this page); scripts and styles run only with this response's nonce.
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'`,
  });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
