// The security headers of every response. The CSP lets the checkout overlay and inline frame load
// Dodo's checkout hosts (and the sandbox's, when DODO_PAYMENTS_BASE_URL points at one) and nothing else.

const DODO_HOSTS = 'https://checkout.dodopayments.com https://test.checkout.dodopayments.com https://*.dodopayments.com';

export function securityHeaders(opts: { https: boolean; development: boolean; dodoBaseUrl?: string }): Record<string, string> {
  // The sandbox serves its checkout pages and opener script from its own origin.
  const sandbox = opts.dodoBaseUrl ? new URL(opts.dodoBaseUrl).origin : '';
  const csp = [
    "default-src 'self'",
    // Next's bootstrap is inline; dev's fast refresh needs eval.
    `script-src 'self' 'unsafe-inline'${opts.development ? " 'unsafe-eval'" : ''} ${DODO_HOSTS} ${sandbox}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${DODO_HOSTS} ${sandbox}${opts.development ? ' ws: wss:' : ''}`,
    `frame-src ${DODO_HOSTS} ${sandbox}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ]
    .map((directive) => directive.replace(/\s+/g, ' ').trim())
    .join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(opts.https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
