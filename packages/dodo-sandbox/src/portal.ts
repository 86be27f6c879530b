// The customer portal: `POST /customers/{id}/customer-portal/session` → `{ link }`, and the server-rendered page behind
// that link where the buyer cancels a subscription or enters a new test card.
import { z } from 'zod';
import type { CustomerPortalSession } from 'dodopayments/resources/customers/customers';
import type { Subscription } from 'dodopayments/resources/subscriptions';
import { SandboxError } from './engine';
import type { SandboxCore } from './core/context';
import { escapeHtml, parseBody, sendHtml, type RouteRequest, type Router } from './core/http';
import { ID_PREFIX, newId } from './core/ids';
import { newestFirst } from './core/pagination';
import type { PortalSession } from './core/state';
import { parseInstrument } from './core/test-instruments';
import { getCustomer } from './resources/customers';
import { applyNewPaymentMethod, cancelSubscriptionNow, emitSubscription } from './resources/subscriptions';

const MANAGEABLE = new Set<Subscription['status']>(['active', 'on_hold', 'paused']);

function portalSession(core: SandboxCore, token: string): PortalSession {
  const session = core.state.portal_sessions[token];
  if (!session) throw new SandboxError(404, 'NOT_FOUND', 'This portal link is not valid');
  return session;
}

function ownedSubscription(core: SandboxCore, session: PortalSession, subscriptionId: string): Subscription {
  const subscription = core.state.subscriptions[subscriptionId];
  if (!subscription || subscription.customer.customer_id !== session.customer_id) throw new SandboxError(404, 'NOT_FOUND', 'Subscription not found');
  return subscription;
}

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency}`;
}

function renderPortal(core: SandboxCore, session: PortalSession, notice: string | null): string {
  const customer = getCustomer(core, session.customer_id);
  const base = `/sandbox/portal/${encodeURIComponent(session.token)}`;
  const subscriptions = newestFirst(Object.values(core.state.subscriptions)).filter((s) => s.customer.customer_id === customer.customer_id);
  const payments = newestFirst(Object.values(core.state.payments))
    .filter((p) => p.customer.customer_id === customer.customer_id)
    .slice(0, 10);
  const subscriptionRows = subscriptions
    .map((s) => {
      const product = core.state.products[s.product_id];
      const actions = MANAGEABLE.has(s.status)
        ? `<form method="post" action="${base}/subscriptions/${s.subscription_id}/cancel">
             <button name="when" value="period_end"${s.cancel_at_next_billing_date ? ' disabled' : ''}>Cancel at period end</button>
             <button name="when" value="now">Cancel now</button>
           </form>
           <form method="post" action="${base}/subscriptions/${s.subscription_id}/payment-method">
             <label>New card <input name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required></label>
             <button>Update payment method</button>
           </form>`
        : '';
      return `<tr><td data-label="Product">${escapeHtml(product?.name ?? s.product_id)}</td><td data-label="Status">${s.status}${s.cancel_at_next_billing_date ? ' (cancels at period end)' : ''}</td>
        <td data-label="Price">${escapeHtml(money(s.recurring_pre_tax_amount, s.currency))}</td><td data-label="Next billing">${s.next_billing_date.slice(0, 10)}</td><td>${actions}</td></tr>`;
    })
    .join('');
  const paymentRows = payments
    .map(
      (p) =>
        `<tr><td data-label="Date">${p.created_at.slice(0, 10)}</td><td data-label="Amount">${escapeHtml(money(p.total_amount, p.currency))}</td><td data-label="Status">${p.status}</td><td data-label="Id">${p.payment_id}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Billing portal (sandbox)</title>
<style>
:root{color-scheme:light dark;--text:#1b1b1f;--muted:#4b5563;--line:#d1d5db;--page:#fff;--notice:#eef6ff;--notice-line:#93c5fd;--link:#1d4ed8}
@media (prefers-color-scheme:dark){:root{--text:#f3f4f6;--muted:#9ca3af;--line:#374151;--page:#030712;--notice:#0b1a33;--notice-line:#1e40af;--link:#93c5fd}}
body{font:15px/1.45 system-ui,sans-serif;color:var(--text);background:var(--page);max-width:60rem;margin:2rem auto;padding:0 1rem}
a{color:var(--link)}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.5rem;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}form{margin:.25rem 0}input{max-width:100%;font:inherit}button{font:inherit;min-height:2.25rem}
.notice{padding:.75rem;background:var(--notice);border:1px solid var(--notice-line)}
@media (max-width:40rem){table,tbody,tr,td{display:block}tr:first-child{display:none}tr{border-bottom:1px solid var(--line);padding:.5rem 0}td{border:0;padding:.2rem 0}td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
</style>
</head><body>
<h1>Billing portal</h1>
<p>${escapeHtml(customer.name)} &lt;${escapeHtml(customer.email)}&gt; · Dodo Payments sandbox (test mode)</p>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<h2>Subscriptions</h2>
${subscriptionRows ? `<table><tr><th>Product</th><th>Status</th><th>Price</th><th>Next billing</th><th></th></tr>${subscriptionRows}</table>` : '<p>No subscriptions.</p>'}
<h2>Payments</h2>
${paymentRows ? `<table><tr><th>Date</th><th>Amount</th><th>Status</th><th>Id</th></tr>${paymentRows}</table>` : '<p>No payments.</p>'}
${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return to the merchant</a></p>` : ''}
</body></html>`;
}

function redirectToPortal({ res }: RouteRequest, token: string, notice: string): undefined {
  res.writeHead(303, { location: `/sandbox/portal/${encodeURIComponent(token)}?notice=${encodeURIComponent(notice)}` }).end();
  return undefined;
}

export function registerPortalRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/customers/:id/customer-portal/session', ({ params, query }): CustomerPortalSession => {
      const customer = getCustomer(core, params.id);
      const session: PortalSession = {
        token: newId(ID_PREFIX.portalSession),
        customer_id: customer.customer_id,
        return_url: query.get('return_url'),
        created_at: core.now(),
      };
      core.state.portal_sessions[session.token] = session;
      return { link: `${core.apiBaseUrl}/sandbox/portal/${session.token}` };
    })
    .get('/sandbox/portal/:token', ({ params, query, res }) => {
      sendHtml(res, 200, renderPortal(core, portalSession(core, params.token), query.get('notice')));
      return undefined;
    })
    .post('/sandbox/portal/:token/subscriptions/:id/cancel', (request) => {
      const session = portalSession(core, request.params.token);
      const subscription = ownedSubscription(core, session, request.params.id);
      const { when } = parseBody(z.object({ when: z.enum(['now', 'period_end']) }), request.body);
      if (when === 'now') {
        cancelSubscriptionNow(core, subscription);
        emitSubscription(core, 'subscription.updated', subscription);
        return redirectToPortal(request, session.token, 'The subscription was cancelled.');
      }
      subscription.cancel_at_next_billing_date = true;
      emitSubscription(core, 'subscription.updated', subscription);
      return redirectToPortal(request, session.token, `The subscription will end on ${subscription.next_billing_date.slice(0, 10)}.`);
    })
    .post('/sandbox/portal/:token/subscriptions/:id/payment-method', (request) => {
      const session = portalSession(core, request.params.token);
      const subscription = ownedSubscription(core, session, request.params.id);
      const { card_number } = parseBody(z.object({ card_number: z.string() }), request.body);
      const instrument = parseInstrument({ card_number });
      if (!instrument) return redirectToPortal(request, session.token, 'That is not a card number.');
      const payment = applyNewPaymentMethod(core, subscription, instrument);
      return redirectToPortal(
        request,
        session.token,
        payment.status === 'succeeded' ? 'The payment method was updated.' : `The card was declined (${payment.error_code}).`,
      );
    });
}
