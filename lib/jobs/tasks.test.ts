// Each fulfilment kind run by a real worker against a real PostgreSQL: what it sends or creates.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { licenseKeys, mailMessages, orders, payments, subscriptions, workspaces } from '@/db/schema';
import { closeDb, createOpenOrder, createUser, db, dodoId } from '@/test/fixtures';
import { enqueueFulfilment } from './enqueue';
import type { FulfilmentKind } from './kinds';
import { retryFulfilment } from './queries';
import { startTestWorker, stopTestWorkers, useOwnJobQueue, waitForStatus } from '@/test/jobs/harness';

const APP_URL = 'http://app.test';

beforeAll(() => useOwnJobQueue('tasks'));
afterEach(stopTestWorkers);
afterAll(closeDb);

async function enqueue(kind: FulfilmentKind, subjectId: string, payload: Record<string, unknown> = {}) {
  await db().transaction((tx) => enqueueFulfilment(tx, { kind, subjectId, payload }));
}

async function mailTo(email: string) {
  return db().select().from(mailMessages).where(eq(mailMessages.to, email));
}

/** A user who bought a plan: the order paid and the payment stored, as the webhook leaves them. */
async function buyer(planId: string) {
  const user = await createUser({ name: 'Ada' });
  const { order, plan } = await createOpenOrder(user.id, planId);
  const paymentId = dodoId('pay');
  await db().update(orders).set({ status: 'paid', paidAt: new Date(), paymentId }).where(eq(orders.id, order.id));
  await db().insert(payments).values({
    id: paymentId,
    orderId: order.id,
    userId: user.id,
    status: 'succeeded',
    amountCents: plan.priceCents,
    currency: plan.currency,
    lastEventAt: new Date(),
  });
  return { user, plan, paymentId };
}

describe('emails', () => {
  it('sends the buyer one receipt with plan, amount and payment id', async () => {
    const { user, plan, paymentId } = await buyer('lifetime');
    await enqueue('receipt_email', paymentId);
    await startTestWorker({ config: { appUrl: APP_URL } });
    await waitForStatus('receipt_email', paymentId, ['succeeded']);

    const [mail, ...more] = await mailTo(user.email);
    expect(more).toHaveLength(0);
    expect(mail.subject).toContain(plan.name);
    expect(mail.text).toContain(paymentId);
    expect(mail.text).toMatch(/Amount: \$\d/);
    // The designed part says the same: a full HTML document with the payment id and a link to billing.
    expect(mail.html).toMatch(/^<!DOCTYPE html/i);
    expect(mail.html).toContain(paymentId);
    expect(mail.html).toContain(`href="${APP_URL}/billing"`);
    expect(mail).toMatchObject({ transport: 'mailbox', status: 'sent', idempotencyKey: `receipt_email:${paymentId}` });
  });

  it('fails a receipt whose payment is not stored yet, and sends it once the payment is there', async () => {
    const { user, plan, paymentId } = await buyer('pro-monthly');
    const early = dodoId('pay');
    await enqueue('receipt_email', early);
    // A long backoff keeps it waiting; the operator's retry (after the payment lands) runs it.
    await startTestWorker({ config: { appUrl: APP_URL }, backoff: () => 3600 });
    const failed = await waitForStatus('receipt_email', early, ['failed']);
    expect(failed.lastError).toBe(`payment ${early} not found`);

    const [order] = await db().select().from(orders).where(eq(orders.paymentId, paymentId));
    await db().insert(payments).values({ id: early, orderId: order.id, userId: user.id, status: 'succeeded', amountCents: plan.priceCents, currency: 'USD', lastEventAt: new Date() });
    await retryFulfilment(failed.id);
    await waitForStatus('receipt_email', early, ['succeeded']);
    expect((await mailTo(user.email)).map((m) => m.idempotencyKey)).toEqual([`receipt_email:${early}`]);
  });

  it('welcomes a user once, naming the plan they activated', async () => {
    const { user, plan } = await buyer('pro-monthly');
    await enqueue('onboarding_email', user.id, { planId: plan.id });
    await startTestWorker({ config: { appUrl: APP_URL } });
    await waitForStatus('onboarding_email', user.id, ['succeeded']);
    const mails = await mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Welcome! Pro (monthly) is active on your account.');
  });

  it.each([
    ['lifetime', 'Welcome! Your Lifetime licence is ready: the key arrives by email and on the licence page.', '/license'],
    ['credits-1000', 'Welcome! 1,000 credits were added to your balance.', '/billing'],
  ])('welcomes a %s buyer in words that fit the product, pointing where it is used', async (planId, subject, path) => {
    const { user } = await buyer(planId);
    await enqueue('onboarding_email', user.id, { planId });
    await startTestWorker({ config: { appUrl: APP_URL } });
    await waitForStatus('onboarding_email', user.id, ['succeeded']);
    const [mail] = await mailTo(user.email);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(`${APP_URL}${path}`);
    expect(mail.text).not.toContain('/pro');
  });

  it('mails the licence key to the buyer of its payment', async () => {
    const { user, paymentId } = await buyer('lifetime');
    const keyId = dodoId('lic');
    await db().insert(licenseKeys).values({ id: keyId, paymentId, key: 'ABCD-EFGH-IJKL', status: 'active', activationsLimit: 3, lastEventAt: new Date() });
    await enqueue('license_key_email', keyId);
    await startTestWorker({ config: { appUrl: APP_URL } });
    await waitForStatus('license_key_email', keyId, ['succeeded']);
    const [mail] = await mailTo(user.email);
    expect(mail.text).toContain('ABCD-EFGH-IJKL');
    expect(mail.text).toContain('up to 3 devices');
  });

  it('tells the owner of a failed renewal to fix the payment method at /billing, unless it recovered', async () => {
    const { user, plan } = await buyer('pro-monthly');
    const onHold = dodoId('sub');
    const recovered = dodoId('sub');
    for (const [id, status] of [[onHold, 'on_hold'], [recovered, 'active']] as const) {
      await db().insert(subscriptions).values({ id, userId: user.id, planId: plan.id, dodoProductId: 'pdt_x', status, lastEventAt: new Date() });
    }
    await enqueue('dunning_email', `${onHold}:2026-01-01`);
    await enqueue('dunning_email', recovered);
    await startTestWorker({ config: { appUrl: APP_URL } });
    await waitForStatus('dunning_email', `${onHold}:2026-01-01`, ['succeeded']);
    const skipped = await waitForStatus('dunning_email', recovered, ['succeeded']);
    expect(skipped.result).toBe('skipped: the subscription is active again');

    const mails = await mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Your ${plan.name} renewal failed`);
    expect(mails[0].text).toContain(`${APP_URL}/billing`);
  });
});

describe('provision_workspace', () => {
  it('creates one workspace per user, however often it runs', async () => {
    const user = await createUser({ name: 'Grace' });
    await db().insert(workspaces).values({ userId: (await createUser()).id, name: 'someone else' });
    await enqueue('provision_workspace', user.id);
    await startTestWorker();
    const done = await waitForStatus('provision_workspace', user.id, ['succeeded']);
    expect(done.result).toMatch(/^workspace wsp_\w+ created$/);
    const rows = await db().select().from(workspaces).where(eq(workspaces.userId, user.id));
    expect(rows).toMatchObject([{ name: "Grace's workspace" }]);
  });
});

describe('crm_webhook', () => {
  let server: Server;
  let url: string;
  const received: { body: Record<string, unknown>; idempotencyKey: string | undefined }[] = [];
  let answers: number[] = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      received.push({ body: JSON.parse(raw), idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(answers.shift() ?? 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the customer and payment as JSON, retrying after a 500', async () => {
    const { user, plan, paymentId } = await buyer('lifetime');
    answers = [500];
    await enqueue('crm_webhook', paymentId, { event: 'payment.succeeded' });
    await startTestWorker({ config: { crmWebhookUrl: url } });

    const done = await waitForStatus('crm_webhook', paymentId, ['succeeded', 'dead']);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, lastError: 'CRM webhook answered 500 Internal Server Error' });
    const posts = received.filter((r) => r.body.subject_id === paymentId);
    expect(posts).toHaveLength(2);
    expect(posts[1].idempotencyKey).toBe(done.id);
    expect(posts[1].body).toMatchObject({
      event: 'payment.succeeded',
      customer: { user_id: user.id, email: user.email },
      plan: { id: plan.id },
      payment: { id: paymentId, status: 'succeeded', amount_cents: plan.priceCents },
    });
  });

  it('succeeds without posting anything when CRM_WEBHOOK_URL is not set', async () => {
    const user = await createUser();
    await enqueue('crm_webhook', user.id);
    await startTestWorker({ config: { crmWebhookUrl: null } });
    const done = await waitForStatus('crm_webhook', user.id, ['succeeded']);
    expect(done.result).toBe('skipped: CRM_WEBHOOK_URL is not set');
    expect(received.filter((r) => r.body.subject_id === user.id)).toHaveLength(0);
  });
});
