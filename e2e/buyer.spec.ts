// What the buyer sees is true: one subscription per line, plan changes, duplicates, refunds, invoices.
import type { Page } from '@playwright/test';
import type postgres from 'postgres';
import { signUp } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';
import { runScheduledTask } from './support/jobs';
import { sandbox } from './support/sandbox';

test.afterEach(() => sandbox.clearFaults());

async function buy(page: Page, pricingPath: string, button: string) {
  await page.goto(pricingPath);
  await page.getByRole('button', { name: button }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
}

/**
 * A second subscription from before the one-per-line rule (an old checkout link carrying our user id, no
 * order of ours), paid straight at the sandbox. Without our ids it would be attributed to nobody.
 */
async function subscribeOutsideTheApp(sql: postgres.Sql, email: string, planId: string) {
  const [plan] = await sql<{ dodo_product_id: string }[]>`select dodo_product_id from plans where id = ${planId}`;
  const userId = await userIdByEmail(sql, email);
  const session = await sandbox.createCheckout({ product_cart: [{ product_id: plan.dodo_product_id, quantity: 1 }], customer: { email }, metadata: { user_id: userId } });
  await sandbox.payCheckout(session.session_id);
  await sandbox.flush();
}

test('a Pro-yearly subscriber is offered plan changes, not a second subscription; a forged purchase is refused', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing?interval=year', 'Buy Pro yearly');

  await page.goto('/pricing?interval=month');
  const plans = page.getByRole('list', { name: 'Plans' });
  await expect(plans.getByRole('button', { name: /^Buy (Pro|Team)/ })).toHaveCount(0);
  await expect(plans.getByRole('link', { name: 'Change to Pro (monthly)' })).toBeVisible();
  await plans.getByRole('link', { name: 'Change to Team (monthly)' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Moving to Team \(monthly\) charges (\$[\d,.]+ now|nothing now)/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm change' })).toBeVisible();

  // The inline checkout page calls the same server action with any plan id the URL names.
  await page.goto('/checkout/team-monthly');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/You already have Pro \(yearly\)\. Change your plan on the billing page/);
  await page.goto('/checkout/pro-monthly');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/You already have Pro \(yearly\)/);
});

test('duplicate subscriptions made outside the app are all shown on /billing, and each can be cancelled', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing?interval=month', 'Buy Pro monthly');
  await subscribeOutsideTheApp(sql, email, 'team-monthly');

  await page.goto('/billing');
  await expect(page.getByRole('alert').filter({ hasText: 'You have 2 subscriptions that overlap' })).toBeVisible();
  const team = page.getByRole('article', { name: 'Subscription Team (monthly)' });
  await expect(page.getByRole('article', { name: 'Subscription Pro (monthly)' }).getByRole('button', { name: 'Cancel now' })).toBeVisible();
  await team.getByRole('button', { name: 'Cancel now' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel now' }).click();
  // The page is rendered again from the database: the cancelled one is no longer among the live ones.
  await expect(team).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'overlap' })).toHaveCount(0);
  const userId = await userIdByEmail(sql, email);
  const live = await sql`select plan_id from subscriptions where user_id = ${userId} and status = 'active'`;
  expect(live.map((r) => r.plan_id)).toEqual(['pro-monthly']);
});

test('a refunded licence shows as refunded and its key as disabled (at Dodo too); a refund email is sent; Access says what ended', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing', 'Buy Lifetime licence');
  const userId = await userIdByEmail(sql, email);
  await expect.poll(async () => (await sql`select status from license_keys where user_id = ${userId}`).map((k) => k.status)).toEqual(['active']);
  const [payment] = await sql`select id from payments where user_id = ${userId} and status = 'succeeded'`;
  await sandbox.refund(payment.id);
  await sandbox.flush();

  await expect.poll(async () => (await sql`select status from license_keys where user_id = ${userId}`).map((k) => k.status)).toEqual(['disabled']);
  const [key] = await sql`select id from license_keys where user_id = ${userId}`;
  expect((await sandbox.licenseKey(key.id)).status).toBe('disabled');
  await page.goto('/billing');
  await expect(page.getByTestId('payment-status')).toHaveText('Refunded ($199)');
  await expect(page.getByRole('region', { name: 'Licence keys' })).toContainText('disabled: its access was revoked');
  await expect(page.getByRole('region', { name: 'Access' })).toContainText(/Lifetime licence ended on \w+ \d+, \d{4} \(fully refunded\)/);
  await page.goto('/dev/mail');
  await expect(page.getByRole('listitem').filter({ hasText: email }).filter({ hasText: 'Refund: Lifetime licence, $199' })).toBeVisible();
});

test('each payment links to its invoice PDF, for its buyer only', async ({ page, browser }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing', 'Buy 1,000 credits');
  await page.goto('/billing');
  const link = page.getByRole('link', { name: /^Invoice for .* \(PDF\)$/ });
  const href = (await link.getAttribute('href'))!;
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const stranger = await browser.newPage();
  await signUp(stranger);
  expect((await stranger.request.get(href)).status()).toBe(404);
  await stranger.close();
});

test('a plan change charges exactly what the buyer last saw, names the full plan, and shows the new period', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing?interval=month', 'Buy Pro monthly');
  await page.goto('/billing');
  await page.getByLabel('New plan').selectOption({ label: 'Pro (yearly) – $120 per year' });
  await page.getByRole('button', { name: 'Preview change' }).click();
  const preview = page.getByRole('status').filter({ hasText: /^Moving to Pro \(yearly\) charges/ });
  await expect(preview).toContainText(/next renewal on \w+ \d+, \d{4}/);
  // Proration moves with time: days later, the confirmed figure is no longer Dodo's, and nothing is charged for it.
  await sandbox.advanceClock(5 * 86_400);
  await page.getByRole('button', { name: 'Confirm change' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('it changed since your preview');
  const shown = /charges \$([\d,]+\.\d{2}|[\d,]+) now/.exec((await preview.textContent()) ?? '')![1];
  await page.getByRole('button', { name: 'Confirm change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are now on Pro (yearly).' })).toBeVisible();
  // The result also pops up as a toast (sonner's live region), since the page's script runs.
  await expect(page.getByRole('region', { name: /^Notifications/ })).toContainText('You are now on Pro (yearly).');

  const userId = await userIdByEmail(sql, email);
  const charges = await sql`select amount_cents from payments where user_id = ${userId} and status = 'succeeded' order by created_at`;
  expect(charges.map((c) => c.amount_cents)).toEqual([1200, Math.round(Number(shown.replaceAll(',', '')) * 100)]);
  await page.reload();
  await expect(page.getByText('Pro (yearly)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('period-end')).toContainText('at $120 per year');
});

test('the return page names what was bought and links to where it is used', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing', 'Buy 1,000 credits');
  await expect(page.getByRole('status')).toContainText('1,000 credits were added to your balance.');
  await expect(page.getByRole('link', { name: 'Open the Pro dashboard' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'See your credit balance' })).toHaveAttribute('href', '/billing');

  await buy(page, '/pricing', 'Buy Lifetime licence');
  await expect(page.getByRole('status')).toContainText('Your Lifetime licence is ready');
  await page.getByRole('link', { name: 'See your licence key' }).click();
  await expect(page).toHaveURL(/\/license$/);
});

test("updating the payment method goes through Dodo's page, confirms on return, and adds no $0 row or receipt", async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing?interval=month', 'Buy Pro monthly');
  await page.goto('/billing');
  await expect(page.getByText("Updating the payment method happens on Dodo Payments' secure page.")).toBeVisible();
  await page.getByRole('button', { name: 'Update payment method' }).click();
  await expect(page).toHaveURL(/test\.checkout\.dodopayments\.com\/session\//);
  // Dodo's page says what it is for: a card saved, nothing to pay.
  await expect(page.getByRole('heading', { name: 'Update payment method' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save card' })).toBeVisible();
  await payWithCard(page, CARDS.mastercard);
  await expect(page).toHaveURL(/\/billing\?updated=payment-method/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Your payment method is updated' })).toBeVisible({ timeout: 1000 });
  }).toPass();

  const userId = await userIdByEmail(sql, email);
  // Dodo records the card check as a $0 payment: stored, but no part of the history and no receipt.
  await expect.poll(async () => (await sql`select amount_cents from payments where user_id = ${userId} order by created_at`).map((p) => p.amount_cents)).toEqual([1200, 0]);
  await expect(page.getByRole('table', { name: 'Payment history' }).getByRole('row')).toHaveCount(2);
  await expect
    .poll(async () => (await sql`select subject from mail_messages where "to" = ${email} and subject like 'Receipt:%'`).map((m) => m.subject))
    .toEqual(['Receipt: Pro, $12']);
});

test('a trial is shown as a trial with its end and what follows; no $0 receipt; the reminder comes 3 days before the end', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await buy(page, '/pricing?interval=month', 'Buy Team monthly');
  await page.goto('/billing');
  await expect(page.getByTestId('subscription-status')).toHaveText('Trial');
  await expect(page.getByTestId('trial-terms')).toHaveText(/^Free until \w{3} \d{1,2}, \d{4}, then \$49 per month for Team \(monthly\), charged to the card you gave unless you cancel before\.$/);
  await expect(page.getByTestId('period-end')).toHaveCount(0);

  const subjects = async () => (await sql`select subject from mail_messages where "to" = ${email} order by created_at`).map((m) => m.subject as string);
  await expect.poll(subjects).toContain('Your Team trial has started');
  expect((await subjects()).filter((s) => s.startsWith('Receipt:'))).toEqual([]);

  // Day 11 of 14 on Dodo's clock: the hourly sweep (run now) mails the reminder, once.
  await sandbox.advanceClock(11 * 86_400 + 3_600);
  await runScheduledTask(sql, 'trial_reminders');
  await runScheduledTask(sql, 'trial_reminders');
  await expect.poll(async () => (await subjects()).filter((s) => s === 'Your Team trial ends soon').length).toBe(1);

  // The first charge at the trial's end is declined: Dodo retries it (past due) and the grace rules apply.
  const [{ id: subscriptionId }] = await sql`select s.id from subscriptions s join "user" u on u.id = s.user_id where u.email = ${email}`;
  await sandbox.setFaults({ fail_subscription_charges: [subscriptionId] });
  await sandbox.advanceClock(3 * 86_400);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('subscription-status')).toHaveText('Past due', { timeout: 1000 });
  }).toPass();
  await expect(page.getByRole('alert').filter({ hasText: 'grace period' })).toBeVisible();
});

test("the inline checkout shows Dodo's subtotal, tax and total beside it, live, with the subscription's terms", async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing?checkout=inline&interval=month' });
  await page.getByRole('link', { name: 'Buy Pro monthly' }).click();
  const frame = checkoutFrame(page);
  await expect(frame.getByLabel('Card number')).toBeVisible();
  await expect(page.getByTestId('subscription-terms')).toHaveText('$12 per month plus any tax. Renews every month until you cancel; cancel any time from the billing page.');
  await expect(page.getByTestId('breakdown-subtotal')).toHaveText('$12');
  // A German billing address adds 19 % VAT: the page beside the checkout follows the breakdown event.
  await frame.getByLabel('Country').selectOption('DE');
  await expect(page.getByTestId('breakdown-tax')).toHaveText('$2.28');
  await expect(page.getByTestId('breakdown-total')).toHaveText('$14.28 USD');
  await expect(frame.locator('#total')).toHaveText('$14.28');
});

test('an expired checkout link is replaced by a fresh one by itself, and the purchase completes', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Lifetime licence' }).click();
  await expect(checkoutFrame(page).getByLabel('Card number')).toBeVisible();
  await checkoutFrame(page).getByRole('button', { name: 'Close checkout' }).click();
  await expect(page.getByTestId('checkout-notice')).toContainText('Checkout closed');
  const userId = await userIdByEmail(sql, email);
  const [first] = await sql`select checkout_session_id from orders where user_id = ${userId}`;

  // A day later on Dodo's clock the session has expired, though our order still holds its link.
  await sandbox.advanceClock(25 * 3_600);
  await page.getByRole('button', { name: 'Buy Lifetime licence' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const orders = await sql`select checkout_session_id, status from orders where user_id = ${userId}`;
  expect(orders).toHaveLength(1);
  expect(orders[0].checkout_session_id).not.toBe(first.checkout_session_id);
});
