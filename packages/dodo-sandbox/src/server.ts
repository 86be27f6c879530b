// The offline Dodo Payments sandbox: Dodo's REST API on node:http, plus the checkout pages and a control API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GetDispute } from 'dodopayments/resources/disputes';
import { handleCheckoutPageRequest } from './checkout/routes';
import { registerControlRoutes } from './control';
import { SandboxError, type PayInput, type PayResult, type ThreeDsOutcome } from './engine';
import type { DisputeOutcome } from './resources/disputes';
import { RawReply, Reply, Router, readBody, sendError, sendJson } from './core/http';
import type { DeliveryAttempt } from './core/state';
import { registerPortalRoutes } from './portal';
import { registerCheckoutRoutes } from './resources/checkouts';
import { registerCustomerRoutes } from './resources/customers';
import { registerDisputeRoutes } from './resources/disputes';
import { registerInvoiceRoutes } from './resources/invoices';
import { registerMeterRoutes } from './resources/meters';
import { registerAddonRoutes } from './resources/addons';
import { registerDiscountRoutes } from './resources/discounts';
import { registerPaymentRetryRoutes } from './resources/payment-retries';
import { registerWalletRoutes } from './resources/wallets';
import { registerLicenseKeyRoutes } from './resources/license-keys';
import { registerPaymentRoutes } from './resources/payments';
import { registerProductRoutes } from './resources/products';
import { registerRefundRoutes } from './resources/refunds';
import { registerSubscriptionRoutes } from './resources/subscriptions';
import { registerWebhookEndpointRoutes } from './resources/webhook-endpoints';
import { Sandbox, type SandboxEvent, type SandboxFaults } from './sandbox';
import { SDK_ENDPOINTS } from './sdk-endpoints';
import { generateWebhookSecret } from './webhooks/signing';

export const DEFAULT_SANDBOX_API_KEY = 'sandbox_sk_test_0000000000000000';

export type SandboxOptions = {
  /** 0 (default) picks a free port; `npm run sandbox` uses 8787. */
  port?: number;
  host?: string;
  /** The bearer token every API call must carry (default DEFAULT_SANDBOX_API_KEY). */
  apiKey?: string;
  /** An endpoint that receives every event, signed with `webhookSecret` (a `whsec_` secret is generated when absent). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Where `checkout_url`s point (`${checkoutBaseUrl}/session/{id}`); defaults to the sandbox's own URL. */
  checkoutBaseUrl?: string;
  /** JSON file the state is written to after every change; in memory only when absent. */
  stateFile?: string;
  /** Multiplies webhook retry delays (default 1; tests use e.g. 0.001). */
  timeFactor?: number;
  log?: (line: string) => void;
};

export type SandboxControl = {
  /** Moves the virtual clock; renewals, trial ends and period-end cancellations that fall due are processed. */
  advanceClock(seconds: number): { now: string; offset_seconds: number };
  clock(): { now: string; offset_seconds: number };
  /** What the hosted checkout page's Pay button does. */
  completeCheckout(sessionId: string, input: PayInput): Promise<PayResult>;
  setFaults(faults: Partial<SandboxFaults>): SandboxFaults;
  /** Every event with its exact `body`; `signed` adds the webhook-id/timestamp/signature headers a delivery would carry now. */
  events(opts?: { signed?: boolean; endpointId?: string }): SandboxEvent[];
  deliveries(filter?: { webhook_id?: string }): DeliveryAttempt[];
  /** Resends a recorded event `count` times with the same webhook-id; false when there is no such event. */
  redeliver(webhookId: string, count?: number): boolean;
  /** Opens a dispute on a succeeded payment (`dispute.opened`), moved on at once when an outcome is given. */
  openDispute(paymentId: string, outcome?: DisputeOutcome): GetDispute;
  /** Resolves an open dispute (`dispute.won` / `dispute.lost`). */
  resolveDispute(disputeId: string, outcome: DisputeOutcome): GetDispute;
  /** The buyer's answer to a pending 3D Secure challenge (pass, fail or cancel). */
  completeThreeDs(sessionId: string, outcome: ThreeDsOutcome): Promise<PayResult>;
  /** Resolves when every due delivery was attempted; `retries: true` also waits for scheduled retries. */
  flush(opts?: { retries?: boolean; timeoutMs?: number }): Promise<void>;
  reset(): Promise<void>;
};

export type RunningSandbox = {
  url: string;
  port: number;
  /** The secret of the `webhookUrl` endpoint (the given one or the generated one). */
  webhookSecret: string;
  control: SandboxControl;
  stop: () => Promise<void>;
};

/** Paths callable without the API key: the control API and portal, and Dodo's public licence endpoints. */
function isPublicPath(pathname: string): boolean {
  return pathname.startsWith('/sandbox/') || pathname.startsWith('/licenses/');
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const apiKey = opts.apiKey ?? DEFAULT_SANDBOX_API_KEY;
  const log = opts.log ?? (() => {});
  const webhookSecret = opts.webhookSecret ?? generateWebhookSecret();
  const sandbox = new Sandbox({ stateFile: opts.stateFile, timeFactor: opts.timeFactor ?? 1, log, webhookUrl: opts.webhookUrl, webhookSecret });

  const router = new Router();
  for (const register of [
    registerCheckoutRoutes,
    registerPaymentRoutes,
    registerSubscriptionRoutes,
    registerProductRoutes,
    registerCustomerRoutes,
    registerRefundRoutes,
    registerDisputeRoutes,
    registerLicenseKeyRoutes,
    registerWebhookEndpointRoutes,
    registerInvoiceRoutes,
    registerMeterRoutes,
    registerAddonRoutes,
    registerDiscountRoutes,
    registerPaymentRetryRoutes,
    registerWalletRoutes,
    registerPortalRoutes,
  ]) {
    register(router, sandbox);
  }
  registerControlRoutes(router, sandbox);
  // Every SDK call not emulated answers 501 on its own route, so no other route (`/products/:id`) catches it.
  for (const [method, pattern] of SDK_ENDPOINTS.filter(([method, pattern]) => !router.has(method, pattern))) {
    router.on(method, pattern, ({ url }) => {
      throw new SandboxError(501, 'NOT_IMPLEMENTED', `${method} ${url.pathname} is not implemented by the sandbox`);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', sandbox.apiBaseUrl);
    const method = req.method ?? 'GET';
    if (url.pathname === '/sandbox/health') return sendJson(res, 200, { ok: true });
    const route = router.match(method, url.pathname);
    if (!route) {
      if (await handleCheckoutPageRequest(req, res, url, sandbox)) return;
      return sendError(res, 501, 'NOT_IMPLEMENTED', `${method} ${url.pathname} is not implemented by the sandbox`);
    }
    if (!isPublicPath(url.pathname) && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendError(res, 401, 'UNAUTHORIZED', 'Missing or invalid API key (Authorization: Bearer <key>)');
    }
    const body = method === 'GET' || method === 'HEAD' ? {} : await readBody(req);
    const result = await sandbox.runAction(() => route.handler({ req, res, url, params: route.params, query: url.searchParams, body }));
    if (result === undefined) return;
    if (result instanceof Reply) return sendJson(res, result.status, result.body, result.headers);
    if (result instanceof RawReply) {
      res.writeHead(result.status, { 'content-type': result.contentType, 'content-length': String(result.body.length), ...result.headers }).end(result.body);
      return;
    }
    sendJson(res, 200, result);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof SandboxError) return sendError(res, error.status, error.code, error.message);
      if (error instanceof RangeError) return sendError(res, 422, 'INVALID_REQUEST', error.message);
      log(`${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  sandbox.apiBaseUrl = url;
  sandbox.checkoutBaseUrl = (opts.checkoutBaseUrl ?? url).replace(/\/$/, '');

  return {
    url,
    port,
    webhookSecret,
    control: {
      advanceClock: (seconds) => sandbox.advanceClock(seconds),
      clock: () => sandbox.clock(),
      completeCheckout: (sessionId, input) => sandbox.payCheckoutSession(sessionId, input),
      setFaults: (faults) => sandbox.setFaults(faults),
      events: (opts) => sandbox.events(opts),
      deliveries: (filter) => sandbox.deliveries(filter),
      redeliver: (webhookId, count) => sandbox.redeliver(webhookId, count),
      openDispute: (paymentId, outcome) => sandbox.openDispute(paymentId, outcome ?? null),
      resolveDispute: (disputeId, outcome) => sandbox.resolveDispute(disputeId, outcome),
      completeThreeDs: (sessionId, outcome) => sandbox.completeThreeDs(sessionId, outcome),
      flush: (flushOpts) => sandbox.flush(flushOpts),
      reset: () => sandbox.reset(),
    },
    stop: async () => {
      await sandbox.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
