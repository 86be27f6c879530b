// The production topology under fire: 2 app instances behind nginx, 2 workers, PgBouncer in
// transaction mode, one PostgreSQL. A storm of sandbox purchases with shuffled and duplicated
// deliveries while one app instance crashes and comes back and one worker is killed in the middle of a
// job. Every purchase must grant once, every job must succeed once, and nothing may be lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { createDatabase } from '@/db';
import { creditBalances, creditLedger, fulfilmentAttempts, fulfilments, mailMessages, orders, payments, plans, users } from '@/db/schema';
import { freePort } from '../../scripts/lib/ports';
import { startProdStack, type ProdStack } from '../../scripts/lib/prod-stack';
import { payThroughSandbox } from '../../scripts/lib/sandbox-purchase';
import { signedWebhook } from '../webhook-signing';

const PURCHASES = 60;
const PARALLEL_BUYERS = 6;
/** CRM calls take this long, so a worker killed during the storm is in the middle of one. */
const CRM_LATENCY_MS = 700;

type CrmCall = { idempotencyKey: string };
const crmCalls: CrmCall[] = [];
const crm = http.createServer((req, res) => {
  req.resume();
  req.once('end', () => {
    crmCalls.push({ idempotencyKey: String(req.headers['idempotency-key']) });
    setTimeout(() => res.end('{}'), CRM_LATENCY_MS);
  });
});

let stack: ProdStack;
let database: ReturnType<typeof createDatabase>;
const db = () => database.db;

beforeAll(async () => {
  const crmPort = await freePort();
  await new Promise<void>((resolve) => crm.listen(crmPort, '127.0.0.1', resolve));
  stack = await startProdStack({
    apps: 2,
    workers: 2,
    pgbouncer: true,
    quiet: true,
    env: { CRM_WEBHOOK_URL: `http://127.0.0.1:${crmPort}/crm` },
    // Failed deliveries are retried after milliseconds instead of Dodo's seconds and minutes.
    sandboxOptions: { timeFactor: 0.001 },
  });
  database = createDatabase(stack.directDatabaseUrl, 4);
});

afterAll(async () => {
  await database?.client.end();
  await stack?.stop();
  crm.close();
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills worker `index` (SIGKILL) while it runs a CRM call, and names the fulfilment it was running. */
async function killWorkerMidJob(index: number) {
  const host = `${hostname()}:${stack.workers[index].process!.pid}`;
  const fulfilmentId = await until(
    `worker ${index + 1} to run a CRM call`,
    async () => {
      const [row] = await db().execute<{ id: string }>(sql`
        select a.fulfilment_id as id from fulfilment_attempts a
        join job_worker_heartbeats h on h.worker_id = a.worker_id
        join fulfilments f on f.id = a.fulfilment_id
        where a.outcome = 'running' and h.host = ${host} and f.kind = 'crm_webhook'
        limit 1`);
      return row?.id;
    },
    60_000,
  );
  await stack.stopWorker(index, 'SIGKILL');
  return fulfilmentId;
}

describe('2 apps + 2 workers behind nginx and PgBouncer', () => {
  it('grants every purchase once and runs every job once through crashes, duplicates and reordering', async () => {
    const control = stack.base.sandbox!.control;
    control.setFaults({ order: 'shuffle' });
    const [plan] = await db().select().from(plans).where(eq(plans.id, 'credits-1000'));
    const buyers = await db()
      .insert(users)
      .values(Array.from({ length: PURCHASES }, () => ({ email: `storm-${randomUUID()}@example.test`, name: 'Storm' })))
      .returning({ id: users.id, email: users.email });

    let completed = 0;
    const duplicateEverythingSoFar = () => control.events().forEach((e) => control.redeliver(e.webhook_id, 1));
    const disruptions: Promise<unknown>[] = [];
    let killedMidJob: Promise<string> | undefined;
    const buyNext = async (queue: typeof buyers) => {
      for (let buyer = queue.shift(); buyer; buyer = queue.shift()) {
        await payThroughSandbox({ db: db(), sandbox: stack.base.sandbox!, apiKey: stack.base.env.DODO_PAYMENTS_API_KEY, buyer: { id: buyer.id, email: buyer.email! }, planId: plan.id });
        completed += 1;
        if (completed % 10 === 0) duplicateEverythingSoFar();
        if (completed === 15) killedMidJob = killWorkerMidJob(0);
        if (completed === 20) disruptions.push(stack.stopApp(0, 'SIGKILL'));
        if (completed === 40) disruptions.push(stack.startApp(0));
      }
    };
    const queue = [...buyers];
    await Promise.all(Array.from({ length: PARALLEL_BUYERS }, () => buyNext(queue)));
    await Promise.all(disruptions);
    const interruptedFulfilment = await killedMidJob!;
    await stack.startWorker(0);
    duplicateEverythingSoFar();

    const buyerIds = buyers.map((b) => b.id);
    // The killed worker's job is released once its lock is older than the lock timeout (60 s).
    await until(
      'every purchase granted and every job done',
      async () => {
        const [{ paid }] = await db().select({ paid: count() }).from(orders).where(and(inArray(orders.userId, buyerIds), eq(orders.status, 'paid')));
        const [{ unfinished }] = await db().select({ unfinished: count() }).from(fulfilments).where(sql`${fulfilments.status} <> 'succeeded'`);
        return paid === PURCHASES && unfinished === 0;
      },
      150_000,
    );

    // Every purchase granted once: one payment, one ledger grant, the pack's credits exactly.
    const balances = await db().select().from(creditBalances).where(inArray(creditBalances.userId, buyerIds));
    expect(balances).toHaveLength(PURCHASES);
    expect(balances.every((b) => b.balance === plan.credits)).toBe(true);
    const [{ grants }] = await db().select({ grants: count() }).from(creditLedger).where(inArray(creditLedger.userId, buyerIds));
    expect(grants).toBe(PURCHASES);
    const [{ stored }] = await db().select({ stored: count() }).from(payments).where(inArray(payments.userId, buyerIds));
    expect(stored).toBe(PURCHASES);

    // Every job ran to success once; the only other attempt is the one the killed worker left.
    const attempts = await db()
      .select({ fulfilmentId: fulfilmentAttempts.fulfilmentId, outcome: fulfilmentAttempts.outcome })
      .from(fulfilmentAttempts);
    const succeeded = new Map<string, number>();
    for (const a of attempts.filter((a) => a.outcome === 'succeeded')) succeeded.set(a.fulfilmentId, (succeeded.get(a.fulfilmentId) ?? 0) + 1);
    const [{ total }] = await db().select({ total: count() }).from(fulfilments);
    expect(succeeded.size).toBe(total);
    expect([...succeeded.values()].every((n) => n === 1)).toBe(true);
    expect(attempts.filter((a) => a.outcome === 'failed')).toEqual([]);
    expect(attempts.filter((a) => a.outcome === 'interrupted').map((a) => a.fulfilmentId)).toContain(interruptedFulfilment);

    // One receipt per payment; one CRM notification per fulfilment (the interrupted one may arrive twice, same key).
    const [{ receipts }] = await db().select({ receipts: count() }).from(mailMessages).where(sql`${mailMessages.idempotencyKey} like 'receipt%'`);
    expect(receipts).toBe(PURCHASES);
    const crmFulfilments = await db().select({ id: fulfilments.id }).from(fulfilments).where(eq(fulfilments.kind, 'crm_webhook'));
    expect(new Set(crmCalls.map((c) => c.idempotencyKey))).toEqual(new Set(crmFulfilments.map((f) => f.id)));
  });

  it('finishes a webhook in flight when an instance is told to stop (SIGTERM)', async () => {
    const [buyer] = await db().insert(users).values({ email: `graceful-${randomUUID()}@example.test` }).returning();
    const [plan] = await db().select().from(plans).where(eq(plans.id, 'credits-1000'));
    const [order] = await db()
      .insert(orders)
      .values({ userId: buyer.id, planId: plan.id, status: 'open', idempotencyKey: `${buyer.id}:${plan.id}`, requestId: randomUUID(), amountCents: plan.priceCents, currency: plan.currency, dodoProductId: plan.dodoProductId! })
      .returning();
    const paymentId = `pay_${randomUUID().replaceAll('-', '').slice(0, 21)}`;
    const delivery = signedWebhook(stack.base.env.DODO_PAYMENTS_WEBHOOK_KEY, 'payment.succeeded', {
      payload_type: 'Payment',
      payment_id: paymentId,
      status: 'succeeded',
      total_amount: plan.priceCents,
      currency: 'USD',
      customer: { customer_id: 'cus_graceful', email: buyer.email, name: 'Graceful' },
      metadata: { order_id: order.id, user_id: buyer.id },
    });

    // Hold the webhook inside its transaction: our uncommitted inbox row with its id makes its insert wait.
    const app = stack.apps[1].server!;
    let response!: Promise<Response>;
    let stopped!: Promise<void>;
    class RollBack extends Error {}
    await database.client
      .begin(async (tx) => {
        await tx`insert into webhook_events (webhook_id, type, event_at, payload, outcome) values (${delivery.id}, 'hold', now(), '{}', 'hold')`;
        response = fetch(`${app.url}/api/webhooks/dodo`, { method: 'POST', headers: delivery.headers, body: delivery.body });
        await until('the webhook to wait on the inbox row', async () => {
          const [row] = await tx`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock'`;
          return row.waiting > 0;
        }, 20_000);
        stopped = app.stop('SIGTERM');
        // The instance now has the signal and has stopped accepting connections; the webhook is still waiting.
        await new Promise((r) => setTimeout(r, 500));
        throw new RollBack();
      })
      .catch((err) => {
        if (!(err instanceof RollBack)) throw err;
      });
    const res = await response;
    await stopped;
    expect(res.status).toBe(200);
    const [stored] = await db().select().from(payments).where(eq(payments.id, paymentId));
    expect(stored?.status).toBe('succeeded');
  });
});
