// The sandbox's own control API under /sandbox/… (no API key): clock, faults, events, deliveries, disputes, reset.
import { z } from 'zod';
import { SandboxError } from './engine';
import { Reply, parseBody, type Router } from './core/http';
import type { Sandbox } from './sandbox';

const threeDsSchema = z.enum(['pass', 'fail', 'cancel']);

const completeSchema = z.object({
  three_ds: threeDsSchema.optional(),
  card_number: z.string().optional(),
  upi_id: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  billing_address: z
    .object({ country: z.string(), city: z.string().optional(), state: z.string().optional(), street: z.string().optional(), zipcode: z.string().optional() })
    .optional(),
});

const faultsSchema = z.object({
  fail_next_charges: z.number().int().nonnegative().optional(),
  fail_subscription_charges: z.array(z.string()).optional(),
  fail_next_deliveries: z.number().int().nonnegative().optional(),
  delay_ms: z.number().int().nonnegative().optional(),
  order: z.enum(['normal', 'reverse', 'shuffle']).optional(),
  drop_webhooks: z.boolean().optional(),
  duplicate_deliveries: z.number().int().nonnegative().max(20).optional(),
  concurrent_redeliveries: z.boolean().optional(),
  fail_next_refunds: z.number().int().nonnegative().optional(),
});

const disputeOutcomeSchema = z.enum(['won', 'lost', 'accepted', 'cancelled', 'expired', 'challenged']);
const disputeSchema = z.object({ payment_id: z.string(), outcome: disputeOutcomeSchema.nullish() });

export function registerControlRoutes(router: Router, sandbox: Sandbox): void {
  router
    .post('/sandbox/checkouts/:id/complete', ({ params, body }) => sandbox.payCheckoutSession(params.id, parseBody(completeSchema, body)))
    .post('/sandbox/checkouts/:id/3ds', ({ params, body }) => sandbox.completeThreeDs(params.id, parseBody(z.object({ outcome: threeDsSchema }), body).outcome))
    .get('/sandbox/clock', () => sandbox.clock())
    .post('/sandbox/clock/advance', ({ body }) => sandbox.advanceClock(parseBody(z.object({ seconds: z.number().nonnegative() }), body).seconds))
    .get('/sandbox/faults', () => ({ ...sandbox.faults }))
    .post('/sandbox/faults', ({ body }) => sandbox.setFaults(parseBody(faultsSchema, body)))
    .get('/sandbox/events', ({ query }) => {
      const type = query.get('type');
      const events = sandbox.events({ signed: query.get('signed') === 'true', endpointId: query.get('endpoint_id') ?? undefined });
      return { items: events.filter((e) => !type || e.type === type) };
    })
    .post('/sandbox/events/:webhook_id/redeliver', ({ params, body }) => {
      const { count } = parseBody(z.object({ count: z.number().int().positive().max(100).default(1) }), body);
      if (!sandbox.redeliver(params.webhook_id, count)) throw new SandboxError(404, 'NOT_FOUND', `Event ${params.webhook_id} not found`);
      return new Reply(202, { webhook_id: params.webhook_id, count });
    })
    .get('/sandbox/deliveries', ({ query }) => ({ items: sandbox.deliveries({ webhook_id: query.get('webhook_id') ?? undefined }) }))
    .post('/sandbox/deliveries/flush', async ({ body }) => {
      const input = parseBody(z.object({ retries: z.boolean().optional(), timeout_ms: z.number().int().positive().optional() }), body);
      await sandbox.flush({ retries: input.retries, timeoutMs: input.timeout_ms });
      return { ok: true };
    })
    .post('/sandbox/disputes', ({ body }) => {
      const input = parseBody(disputeSchema, body);
      return sandbox.openDispute(input.payment_id, input.outcome ?? null);
    })
    .post('/sandbox/disputes/:id/resolve', ({ params, body }) =>
      sandbox.resolveDispute(params.id, parseBody(z.object({ outcome: disputeOutcomeSchema }), body).outcome),
    )
    .post('/sandbox/reset', async () => {
      await sandbox.reset();
      return { ok: true };
    });
}
