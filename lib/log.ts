// Structured JSON logs (pino) that carry the ids of one payment's thread: request, order, payment,
// subscription, refund, webhook, job. Any one id found in a log line leads to the others in /admin.
import pino from 'pino';
import { logLevelFromEnv } from '@/lib/env';

/** The id fields log lines use, so one search (`grep '"paymentId":"pay_…"'`) finds them all. */
export type TraceIds = {
  requestId?: string | null;
  orderId?: string | null;
  userId?: string | null;
  paymentId?: string | null;
  subscriptionId?: string | null;
  refundId?: string | null;
  checkoutSessionId?: string | null;
  webhookId?: string | null;
  jobId?: string | null;
  runId?: string | null;
};

// Whatever a caller passes by mistake, these never reach the output.
const REDACT = [
  'secret',
  'password',
  'passwordHash',
  'authorization',
  'cookie',
  'card_number',
  'cvc',
  'payload',
  'body',
  'rawBody',
  'headers',
  '*.secret',
  '*.password',
  '*.card_number',
  '*.cvc',
  '*.payload',
  '*.body',
  '*.headers',
];

export const log = pino({
  level: logLevelFromEnv(),
  base: { service: 'dodo-saas' },
  messageKey: 'msg',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACT, censor: '[redacted]' },
});

export type Logger = typeof log;

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The thread ids inside a Dodo object (payment, subscription, refund…): its own id and its metadata's. */
export function traceIdsOf(object: Record<string, unknown> | null | undefined): TraceIds {
  if (!object) return {};
  const meta = (object.metadata ?? {}) as Record<string, unknown>;
  const ids: TraceIds = {
    paymentId: str(object.payment_id),
    subscriptionId: str(object.subscription_id),
    refundId: str(object.refund_id),
    checkoutSessionId: str(object.checkout_session_id),
    orderId: str(meta.order_id),
    userId: str(meta.user_id),
    requestId: str(meta.request_id),
  };
  return Object.fromEntries(Object.entries(ids).filter(([, v]) => v)) as TraceIds;
}
