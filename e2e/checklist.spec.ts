// The payments launch checklist, scenario by scenario, in real Chromium (desktop and mobile projects).
import type { Page } from '@playwright/test';
import { signUp } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';
import { DAY_SECONDS, sandbox } from './support/sandbox';

test.afterEach(() => sandbox.clearFaults());

async function buyInOverlay(page: Page, button: string, card = CARDS.visa) {
  await page.getByRole('button', { name: button }).click();
  await payWithCard(checkoutFrame(page), card);
}

/** Messages in the dev mailbox (/dev/mail) to `email` whose subject contains `subject`. */
function mailFor(page: Page, email: string, subject: string) {
  return page.getByRole('listitem').filter({ hasText: email }).filter({ hasText: subject });
}

async function entitlementKeys(page: Page) {
  const res = await page.request.get('/api/me/entitlements');
  return ((await res.json()) as { entitlements: { key: string }[] }).entitlements.map((e) => e.key);
}

test('a successful payment grants access', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await buyInOverlay(page, 'Buy Pro monthly');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  expect(await entitlementKeys(page)).toContain('pro');
});

test('closing the checkout before paying grants nothing; the order stays open and buying again works', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await checkoutFrame(page).getByRole('button', { name: 'Close checkout' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Checkout closed' })).toBeVisible();
  expect(await entitlementKeys(page)).toEqual([]);
  const userId = await userIdByEmail(sql, email);
  const [open] = await sql`select id, status, checkout_session_id from orders where user_id = ${userId}`;
  expect(open.status).toBe('open');

  await buyInOverlay(page, 'Buy Pro monthly');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const orders = await sql`select id, status, checkout_session_id from orders where user_id = ${userId}`;
  expect(orders).toEqual([{ id: open.id, status: 'paid', checkout_session_id: open.checkout_session_id }]);
});

test('a retried create-checkout call gets the same session and order', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Team monthly' }).click();
  const firstSrc = await page.locator('iframe[src*="/session/"]').getAttribute('src');
  await page.reload();
  await page.getByRole('button', { name: 'Buy Team monthly' }).click();
  const secondSrc = await page.locator('iframe[src*="/session/"]').getAttribute('src');
  expect(secondSrc).toBe(firstSrc);
  const userId = await userIdByEmail(sql, email);
  expect(await sql`select id from orders where user_id = ${userId}`).toHaveLength(1);
});

test('a webhook delivered twice is applied once', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buyInOverlay(page, 'Buy 1,000 credits');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const [event] = (await sandbox.events('payment.succeeded')).filter((e) => (e.payload.data.customer as { email: string }).email === email);
  await sandbox.redeliver(event.webhook_id, 3);
  await sandbox.flush();
  const userId = await userIdByEmail(sql, email);
  const [inbox] = await sql`select count(*)::int as n from webhook_events where webhook_id = ${event.webhook_id}`;
  expect(inbox.n).toBe(1);
  await page.goto('/billing');
  await expect(page.getByTestId('credit-balance')).toHaveText('1,000');
  const ledger = await sql`select id from credit_ledger where user_id = ${userId}`;
  expect(ledger).toHaveLength(1);
  // One fulfilment, one email: the receipt shows once in the dev mailbox.
  await expect(async () => {
    await page.goto('/dev/mail');
    await expect(mailFor(page, email, 'Receipt:')).toHaveCount(1, { timeout: 500 });
  }).toPass();
  const [fulfilment] = await sql`select count(*)::int as n from fulfilments where kind = 'receipt_email' and subject_id = ${event.payload.data.payment_id as string}`;
  expect(fulfilment.n).toBe(1);
});

test('a late webhook: the return page says it is confirming, grants nothing early, then flips', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await sandbox.setFaults({ delay_ms: 4000 });
  await buyInOverlay(page, 'Buy Pro monthly');
  await expect(page).toHaveURL(/\/checkout\/return/);
  await expect(page.getByRole('heading', { name: 'Confirming your payment…' })).toBeVisible();
  expect(await entitlementKeys(page)).toEqual([]);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible({ timeout: 20_000 });
  expect(await entitlementKeys(page)).toContain('pro');
});

test('a declined card, then another card in the same checkout: one success', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Lifetime licence' }).click();
  const frame = checkoutFrame(page);
  await payWithCard(frame, CARDS.insufficientFunds);
  await expect(frame.getByRole('alert')).toContainText(/insufficient/i);
  await payWithCard(frame, CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const userId = await userIdByEmail(sql, email);
  const rows = await sql`select status from payments where user_id = ${userId} order by created_at`;
  expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
  expect(await sql`select id from orders where user_id = ${userId}`).toHaveLength(1);
});

async function subscribeToPro(page: Page) {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buyInOverlay(page, 'Buy Pro monthly');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  await page.goto('/billing');
  await expect(page.getByTestId('subscription-status')).toHaveText('Active');
  return email;
}

test('a subscription renews on the sandbox clock and the billing page shows the next date', async ({ page }) => {
  await subscribeToPro(page);
  const before = await page.getByTestId('period-end').textContent();
  await sandbox.advanceClock(31 * DAY_SECONDS);
  await sandbox.flush();
  await page.reload();
  await expect(page.getByTestId('period-end')).not.toHaveText(before ?? '');
  await expect(page.getByTestId('subscription-status')).toHaveText('Active');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3); // header + first payment + renewal
  expect(await entitlementKeys(page)).toContain('pro');
});

test('a failed renewal starts recovery; a new card restores access', async ({ page, sql }) => {
  const email = await subscribeToPro(page);
  // The clock is shared with earlier scenarios' subscriptions: fail this subscription's renewal only, and the
  // sandbox's three automatic retries (1, 3 and 7 days later), after which Dodo puts it on hold.
  const [sub] = await sql`select id from subscriptions where user_id = ${await userIdByEmail(sql, email)}`;
  await sandbox.setFaults({ fail_subscription_charges: [sub.id, sub.id, sub.id, sub.id] });
  await sandbox.advanceClock(40 * DAY_SECONDS);
  await sandbox.flush();
  await page.reload();
  await expect(page.getByTestId('subscription-status')).toHaveText('On hold: the last renewal failed');
  await expect(page.getByRole('main').getByRole('alert').filter({ hasText: 'renewal payment failed' })).toBeVisible();
  expect(await entitlementKeys(page)).toContain('pro'); // grace period
  await expect(async () => {
    await page.goto('/dev/mail');
    await expect(mailFor(page, email, 'renewal failed')).toHaveCount(1, { timeout: 500 });
  }).toPass();
  await page.goto('/billing');

  await page.getByRole('button', { name: 'Update payment method' }).click();
  await expect(page).toHaveURL(/test\.checkout\.dodopayments\.com\/session\//);
  await payWithCard(page, CARDS.mastercard);
  await expect(page).toHaveURL(/\/billing/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('subscription-status')).toHaveText('Active', { timeout: 1000 });
  }).toPass();
  await expect(page.getByRole('main').getByRole('alert').filter({ hasText: 'renewal payment failed' })).toHaveCount(0);
});

test('cancelling updates access and the billing page: at period end keeps it, undo, cancel now revokes', async ({ page }) => {
  await subscribeToPro(page);
  await page.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'will end at the close' })).toBeVisible();
  await expect(page.getByText('Access ends')).toBeVisible();
  expect(await entitlementKeys(page)).toContain('pro');
  await page.getByRole('button', { name: 'Keep my subscription' }).click();
  await expect(page.getByText('Renews')).toBeVisible();

  await page.getByRole('button', { name: 'Cancel now' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel now' }).click();
  await expect(page.getByTestId('subscription-status')).toHaveText('Cancelled');
  expect(await entitlementKeys(page)).not.toContain('pro');
  await page.goto('/pro');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('needs Pro or Team');
});

test('a refund updates access and the billing page', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buyInOverlay(page, 'Buy Lifetime licence');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const userId = await userIdByEmail(sql, email);
  const [payment] = await sql`select id from payments where user_id = ${userId} and status = 'succeeded'`;
  await sandbox.refund(payment.id);
  await sandbox.flush();
  await page.goto('/billing');
  await expect(page.getByRole('table')).toContainText('Refunded ($199)');
  await page.goto('/license');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('needs the Lifetime licence');
});

test('events delivered in reverse order end in the right state', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await sandbox.setFaults({ order: 'reverse' });
  await buyInOverlay(page, 'Buy Team monthly');
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  await page.goto('/billing');
  // Team starts with its 14-day trial: an active subscription whose first charge is the trial's end.
  await expect(page.getByTestId('subscription-status')).toHaveText('Trial');
  expect(await entitlementKeys(page)).toEqual(expect.arrayContaining(['pro', 'team']));
});

test('a plan change from the billing page previews the proration and moves the access', async ({ page }) => {
  await subscribeToPro(page);
  await page.getByLabel('New plan').selectOption({ label: 'Team (monthly) – $49 per month' });
  await page.getByRole('button', { name: 'Preview change' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Moving to Team \(monthly\) charges \$[\d.]+ now/ })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are now on Team (monthly).' })).toBeVisible();
  expect(await entitlementKeys(page)).toEqual(expect.arrayContaining(['pro', 'team']));
});
