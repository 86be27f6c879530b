// `npm run bench`: webhook route throughput and latency (fresh events, duplicates, and a verify-only
// baseline in the same build), then the time from a completed payment to GET /api/me/entitlements.
// A benchmark, not a test: it prints numbers and asserts nothing.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../db/index';
import { orders, plans, users } from '../db/schema';
import { hashPassword } from '../lib/auth/password';
import { freePort } from './lib/ports';
import { startStack } from './lib/stack';
import { startNextServer } from './lib/next-server';
import { readEnv } from '../lib/env';
import { DEFAULT_SANDBOX_API_KEY } from '@dodo-saas-starter/dodo-sandbox';
import { signedWebhook as signDelivery } from '../test/webhook-signing';

// Next's own variable: no telemetry from a benchmark run.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const settings = readEnv(['BENCH_REQUESTS', 'BENCH_CONCURRENCY', 'BENCH_PURCHASES', 'BENCH_ROUNDS', 'BENCH_SKIP_BUILD', 'BENCH_PROFILE']);
const REQUESTS = settings.BENCH_REQUESTS;
const CONCURRENCY = settings.BENCH_CONCURRENCY;
const PURCHASES = settings.BENCH_PURCHASES;
const ROUNDS = settings.BENCH_ROUNDS;

type Sample = { ms: number; status: number };

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

type Load = { samples: Sample[]; seconds: number };

async function runLoad(url: string, bodies: { body: string; headers: Record<string, string> }[]): Promise<Load> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const d = bodies[next++];
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
        await res.arrayBuffer();
        samples.push({ ms: performance.now() - t0, status: res.status });
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** Throughput and latency over every round of one row. */
function summarise(loads: Load[]) {
  const samples = loads.flatMap((l) => l.samples);
  const seconds = loads.reduce((sum, l) => sum + l.seconds, 0);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.status !== 200).length;
  return { rps: samples.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors };
}

async function main() {
  if (!settings.BENCH_SKIP_BUILD) {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const stack = await startStack({ appUrl });
  // BENCH_PROFILE=1 writes the server's CPU profile to bench-results/ (open it in Chrome DevTools).
  const nodeArgs = settings.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench-results'] : [];
  const app = await startNextServer({ port, env: { LOG_LEVEL: 'warn', ...process.env, ...stack.env, BENCHMARK_ROUTES: '1' }, quiet: true, nodeArgs });
  const { db, client } = createDatabase(stack.env.DATABASE_URL, 4);
  try {
    const secret = stack.env.DODO_PAYMENTS_WEBHOOK_KEY;

    // Fresh events: each pays a different credits order, the full path (inbox, payment, order, entitlement, ledger).
    const [plan] = await db.select().from(plans).where(eq(plans.id, 'credits-1000'));
    const makeFresh = async (n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@example.test` }).returning();
        const [order] = await db
          .insert(orders)
          .values({ userId: user.id, planId: plan.id, status: 'open', idempotencyKey: `${user.id}:${plan.id}`, requestId: randomUUID(), amountCents: plan.priceCents, currency: plan.currency, dodoProductId: plan.dodoProductId! })
          .returning();
        out.push(signDelivery(secret, 'payment.succeeded', benchPayment(order.id, user.id, user.email!, plan.priceCents)));
      }
      return out;
    };
    const warm = await makeFresh(200);
    await runLoad(`${appUrl}/api/bench/verify-only`, warm);
    await runLoad(`${appUrl}/api/webhooks/dodo`, warm);

    // The rows take turns, ROUNDS times, each on its own slice of the deliveries (duplicates resend the
    // slice just applied), so a drift in the machine's speed lands on all three alike.
    const fresh = await makeFresh(REQUESTS);
    const rows = { verifyOnly: [] as Load[], full: [] as Load[], duplicates: [] as Load[] };
    for (let round = 0; round < ROUNDS; round++) {
      const slice = fresh.slice(Math.floor((round * fresh.length) / ROUNDS), Math.floor(((round + 1) * fresh.length) / ROUNDS));
      rows.verifyOnly.push(await runLoad(`${appUrl}/api/bench/verify-only`, slice));
      rows.full.push(await runLoad(`${appUrl}/api/webhooks/dodo`, slice));
      rows.duplicates.push(await runLoad(`${appUrl}/api/webhooks/dodo`, slice));
    }
    const [verifyOnly, full, duplicates] = [summarise(rows.verifyOnly), summarise(rows.full), summarise(rows.duplicates)];

    const lag = PURCHASES > 0 ? await measurePurchaseToAccess(appUrl, stack.sandbox!.url, db) : [0];

    const row = (name: string, r: ReturnType<typeof summarise>, base: number) =>
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / base).toFixed(2)}× | ${r.errors} |`;
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const table = [
      `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      `${REQUESTS} signed deliveries per row in ${ROUNDS} interleaved rounds, ${CONCURRENCY} concurrent, \`next start\` + embedded PostgreSQL on the same machine.`,
      '',
      '| route | req/s | p50 ms | p99 ms | vs verify-only | non-200 |',
      '|---|---|---|---|---|---|',
      row('verify-only (baseline)', verifyOnly, verifyOnly.rps),
      row('webhook, fresh events', full, verifyOnly.rps),
      row('webhook, duplicates', duplicates, verifyOnly.rps),
      '',
      `Duplicates vs fresh: ${(duplicates.rps / full.rps).toFixed(2)}× (target ≥ 1.5×). Full path vs verify-only: ${(full.rps / verifyOnly.rps).toFixed(2)}× (target ≥ 0.75×).`,
      '',
      `Completed sandbox payment → GET /api/me/entitlements shows it (${lag.length} purchases): p50 ${percentile(lag, 50).toFixed(0)} ms, p99 ${percentile(lag, 99).toFixed(0)} ms (targets 150 / 500 ms).`,
    ].join('\n');
    console.log(`\n${table}\n`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/latest.md', `${table}\n`);
  } finally {
    await client.end();
    await app.stop();
    await stack.stop();
  }
}

function benchPayment(orderId: string, userId: string, email: string, amount: number) {
  return {
    payload_type: 'Payment',
    payment_id: `pay_${randomBytes(16).toString('base64url').slice(0, 21)}`,
    status: 'succeeded',
    total_amount: amount,
    currency: 'USD',
    customer: { customer_id: 'cus_bench', email, name: 'Bench' },
    metadata: { order_id: orderId, user_id: userId },
  };
}

/** Signs in over HTTP the way a browser does (Auth.js credentials flow) and returns the session cookie. */
async function signInCookie(appUrl: string, email: string, password: string) {
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: appUrl }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('session-token'));
  if (!session) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return session;
}

async function measurePurchaseToAccess(appUrl: string, sandboxUrl: string, db: ReturnType<typeof createDatabase>['db']) {
  const password = 'bench-password-123';
  const email = `bench-buyer-${randomUUID()}@example.test`;
  const [user] = await db.insert(users).values({ email, name: 'Bench', passwordHash: await hashPassword(password) }).returning();
  const cookie = await signInCookie(appUrl, email, password);
  const [plan] = await db.select().from(plans).where(eq(plans.id, 'credits-1000'));
  const lag: number[] = [];
  const balance = async () => {
    const res = await fetch(`${appUrl}/api/me/entitlements`, { headers: { cookie } });
    return ((await res.json()) as { credits: number }).credits;
  };
  for (let i = 0; i < PURCHASES; i++) {
    const before = await balance();
    const [order] = await db
      .insert(orders)
      .values({ userId: user.id, planId: plan.id, idempotencyKey: `${user.id}:${plan.id}`, requestId: randomUUID(), amountCents: plan.priceCents, currency: plan.currency, dodoProductId: plan.dodoProductId! })
      .returning();
    const session = await sandboxPost(`${sandboxUrl}/checkouts`, {
      product_cart: [{ product_id: plan.dodoProductId, quantity: 1 }],
      customer: { email, name: 'Bench' },
      metadata: { order_id: order.id, user_id: user.id },
    });
    await db.update(orders).set({ status: 'open', checkoutSessionId: session.session_id }).where(eq(orders.id, order.id));
    await sandboxPost(`${sandboxUrl}/sandbox/checkouts/${session.session_id}/complete`, { card_number: '4242424242424242' });
    const t0 = performance.now();
    while ((await balance()) < before + plan.credits) await new Promise((r) => setTimeout(r, 2));
    lag.push(performance.now() - t0);
  }
  return lag.sort((a, b) => a - b);
}

async function sandboxPost(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_SANDBOX_API_KEY}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { session_id: string };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
