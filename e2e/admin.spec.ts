// The operator console: only operators see it; search → timeline → retry heals a purchase whose
// webhooks Dodo never delivered; a refund is issued from the payment's page.
import type { Page } from '@playwright/test';
import { signInAsAdmin, signOut, signUp, uniqueEmail } from './support/auth';
import { CARDS, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

async function setFaults(page: Page, faults: Record<string, unknown>) {
  const res = await page.request.post(`${process.env.E2E_SANDBOX_URL}/sandbox/faults`, { data: faults });
  expect(res.ok()).toBe(true);
}

const ADMIN_PATHS = ['/admin', '/admin?q=someone@example.test', '/admin/dashboard', '/admin/trace/pay_x', '/admin/payments/pay_x', '/admin/api/trace/pay_x'];

test('a signed-out visitor and a signed-in buyer get 404 on every admin page, route and action', async ({ page, sql }) => {
  for (const path of ADMIN_PATHS) expect((await page.request.get(path)).status(), path).toBe(404);

  // An operator's action, replayed by others: capture a real server action request first.
  await signInAsAdmin(page, sql);
  await page.goto('/admin');
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action'])),
    page.getByRole('button', { name: 'Reconcile now' }).click(),
  ]);
  await expect(page.getByRole('status').filter({ hasText: /Reconciliation/ })).toBeVisible();
  const replay = () =>
    page.request.post('/admin', { headers: { 'next-action': actionRequest.headers()['next-action'], 'content-type': actionRequest.headers()['content-type'] }, data: actionRequest.postDataBuffer() ?? '' });
  const runs = async () => Number((await sql`select count(*)::int as n from reconciliation_runs`)[0].n);
  await signOut(page);

  const before = await runs();
  expect((await replay()).status()).toBe(404);
  await signUp(page);
  for (const path of ADMIN_PATHS) expect((await page.request.get(path)).status(), path).toBe(404);
  expect((await replay()).status()).toBe(404);
  expect(await runs()).toBe(before);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Operations console' })).toHaveCount(0);
});

test('search → timeline → retry: a purchase whose webhooks were all dropped is healed, then refunded', async ({ page, sql }) => {
  // The buyer pays on Dodo's hosted page while Dodo delivers no webhooks at all.
  await setFaults(page, { drop_webhooks: true });
  let buyer: string;
  try {
    buyer = await signUp(page, { email: uniqueEmail('dropped'), callbackUrl: '/pricing?checkout=hosted' });
    await page.getByRole('button', { name: 'Buy Lifetime licence' }).click();
    await payWithCard(page, CARDS.visa);
    await expect(page).toHaveURL(/\/checkout\/return\?order_id=/);
  } finally {
    await setFaults(page, { drop_webhooks: false });
  }
  const buyerId = await userIdByEmail(sql, buyer);
  expect(await sql`select 1 from payments where user_id = ${buyerId}`).toHaveLength(0);
  await signOut(page);

  // The operator finds the buyer's order by email and opens its timeline.
  await signInAsAdmin(page, sql);
  await page.goto('/admin');
  await page.getByLabel(/Email or id/).fill(buyer);
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('table', { name: `Search results for ${buyer}` });
  await expect(results).toContainText('open order for lifetime');
  const [order] = await sql`select id, request_id, checkout_session_id from orders where user_id = ${buyerId}`;
  await results.getByRole('link', { name: order.id }).click();

  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText(`Checkout requested by ${buyer}`);
  await expect(timeline).toContainText(order.request_id);
  await expect(timeline).toContainText('Checkout session opened at Dodo');
  await expect(timeline).not.toContainText('Webhook payment.succeeded');

  // Dodo says paid; we stored nothing: retry applies Dodo's payment through the webhook's code.
  const missed = page.getByRole('list', { name: 'Missed by our webhooks' });
  await expect(missed).toContainText(/Dodo has payment pay_\w+ succeeded; we have not stored it/);
  await missed.getByRole('button', { name: /^Retry payment pay_/ }).click();
  await expect(timeline).toContainText(/Reconciliation repaired payment pay_/);
  await expect(timeline).toContainText('Access granted: license');
  await expect(timeline).toContainText('Order marked paid');
  const [payment] = await sql`select id, status from payments where user_id = ${buyerId}`;
  expect(payment.status).toBe('succeeded');
  const [access] = await sql`select status from entitlements where user_id = ${buyerId} and key = 'license'`;
  expect(access.status).toBe('active');
  const repairs = await sql`select reason, outcome from reconciliation_repairs where object_id = ${payment.id}`;
  expect(repairs).toEqual([{ reason: 'not_stored', outcome: 'applied' }]);

  // The licence key's webhook was dropped too; its retry stores it.
  await missed.getByRole('button', { name: /^Retry license key / }).click();
  await expect(timeline).toContainText(/Licence key active/);
  await expect(page.getByText('Dodo agrees with what we store.')).toBeVisible();

  // Any id of the thread opens the same timeline, on a phone too (nothing wider than the screen).
  await page.setViewportSize({ width: 390, height: 844 });
  for (const id of [order.request_id, order.checkout_session_id, payment.id]) {
    await page.goto(`/admin/trace/${id}`);
    await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(`Checkout requested by ${buyer}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // A full refund from the payment's page; its webhook then revokes the licence.
  await page.goto(`/admin/payments/${payment.id}`);
  await page.getByLabel('Full refund').check();
  await page.getByLabel('Reason').fill('Customer asked: bought by mistake');
  await page.getByRole('button', { name: 'Issue refund' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Issue refund' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Refund ref_\w+ succeeded at Dodo/ })).toBeVisible();
  await expect
    .poll(async () => (await sql`select status from entitlements where user_id = ${buyerId} and key = 'license'`)[0].status)
    .toBe('revoked');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Webhook refund.succeeded received');

  // The dashboard draws its charts, each with its numbers as a table.
  await page.goto('/admin/dashboard');
  await expect(page.getByRole('img', { name: /Net revenue per day/ })).toBeVisible();
  await page.getByText('Data table: Payments by status').click();
  await expect(page.getByRole('table', { name: 'Payments by status' })).toContainText('succeeded');
});
