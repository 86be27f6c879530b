// Sign up → pricing → checkout (overlay, inline, hosted) → webhook → access, in real Chromium with
// the real dodopayments-checkout SDK against the sandbox.
import { fillSignInForm, signUp, TEST_PASSWORD } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

test('overlay: pay with 4242, the return page confirms, and the Pro page opens', async ({ page, sql }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);

  await expect(page).toHaveURL(/\/checkout\/return\?order_id=/);
  await expect(page.getByRole('status')).toContainText(/Confirming your payment|Payment confirmed/);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  await page.goto('/pro');
  await expect(page.getByText(/Welcome to Pro/)).toBeVisible();
  const res = await page.request.get('/api/me/entitlements');
  expect((await res.json()).entitlements.map((e: { key: string }) => e.key)).toContain('pro');
  const [order] = await sql`select status from orders where id = ${new URL(page.url()).searchParams.get('order_id') ?? ''}`;
  expect(order?.status ?? 'paid').toBe('paid');
});

test('a declined card shows the error in the checkout and grants nothing', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  const frame = checkoutFrame(page);
  await payWithCard(frame, CARDS.declined);
  await expect(frame.getByRole('alert')).toContainText(/declined/i);

  const userId = await userIdByEmail(sql, email);
  const [order] = await sql`select status from orders where user_id = ${userId}`;
  expect(order.status).toBe('open');
  const res = await page.request.get('/api/me/entitlements');
  expect((await res.json()).entitlements).toEqual([]);
  await page.goto('/pro');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('needs Pro or Team');
});

test('a double click opens one checkout session and one order', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Lifetime licence' }).dblclick();
  await expect(checkoutFrame(page).getByLabel('Card number')).toBeVisible();
  const userId = await userIdByEmail(sql, email);
  const orders = await sql`select checkout_session_id from orders where user_id = ${userId}`;
  expect(orders).toHaveLength(1);
  expect(orders[0].checkout_session_id).toMatch(/^cks_/);
  await expect(page.locator('iframe[src*="/session/"]')).toHaveCount(1);
});

test('inline: the lifetime licence is bought beside the plan summary and its key appears', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing?checkout=inline' });
  await page.getByRole('link', { name: 'Buy Lifetime licence' }).click();
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('$199');
  await payWithCard(checkoutFrame(page), CARDS.mastercard);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  await page.goto('/license');
  await expect(page.getByRole('list', { name: 'Licence keys' }).getByRole('listitem')).toHaveCount(1);
});

test('hosted: a credits pack is paid on the hosted page and the balance grows', async ({ page }) => {
  await signUp(page, { callbackUrl: '/pricing?checkout=hosted' });
  await page.getByRole('button', { name: 'Buy 1,000 credits' }).click();
  await expect(page).toHaveURL(/test\.checkout\.dodopayments\.com\/session\//);
  await payWithCard(page, CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  await page.goto('/billing');
  await expect(page.getByTestId('credit-balance')).toHaveText('1,000');
});

test('a signed-out buyer who picks a plan signs up, signs in and comes back to that plan', async ({ page }) => {
  await page.goto('/pricing');
  await page.getByRole('link', { name: 'Sign in to buy Team' }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Name').fill('Returning Buyer');
  const email = `back-${crypto.randomUUID()}@example.test`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Go to sign in' }).click();
  await fillSignInForm(page, { email, password: TEST_PASSWORD });
  await expect(page).toHaveURL(/\/pricing\?.*plan=team-monthly/);
  await expect(page.getByRole('button', { name: 'Buy Team monthly' })).toBeVisible();
});

test('the pricing page prepares a verified buyer\'s checkout before any click: the Dodo customer is created once and the checkout uses it', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  const userId = await userIdByEmail(sql, email);
  const customerOf = async () => (await sql`select dodo_customer_id from "user" where id = ${userId}`)[0].dodo_customer_id as string | null;
  await expect.poll(customerOf).toMatch(/^cus_/);
  const prepared = await customerOf();
  await page.reload();
  await page.getByRole('button', { name: 'Buy Lifetime licence' }).click();
  await expect(checkoutFrame(page).getByLabel('Card number')).toBeVisible();
  expect(await customerOf()).toBe(prepared);
});

test('an unverified visitor of the pricing page gets no Dodo customer', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing', verify: false });
  await expect(page.getByRole('heading', { name: 'Pricing' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const [user] = await sql`select dodo_customer_id from "user" where id = ${await userIdByEmail(sql, email)}`;
  expect(user.dodo_customer_id).toBeNull();
});
