// Every control that changes state is a real <form>: with JavaScript disabled the buyer still signs
// up, reaches Dodo's hosted checkout, spends credits and cancels a subscription.
import { signUp } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('sign up, the buy button falls back to the hosted checkout, and credits are spent', async ({ page, sql }) => {
    const email = await signUp(page, { callbackUrl: '/pricing' });
    await page.getByRole('button', { name: 'Buy 1,000 credits' }).click();
    await expect(page).toHaveURL(/test\.checkout\.dodopayments\.com\/session\/cks_/);
    const userId = await userIdByEmail(sql, email);
    const [order] = await sql`select status, checkout_session_id from orders where user_id = ${userId}`;
    expect(order.status).toBe('open');
    expect(page.url()).toContain(order.checkout_session_id);

    // Credits as a paid webhook leaves them (the purchase itself is proven in checklist.spec.ts).
    await sql`insert into credit_ledger (id, user_id, delta, reason) values (${`grant:nojs-${crypto.randomUUID()}`}, ${userId}, 1000, 'credits purchased')`;
    await sql`insert into credit_balances (user_id, balance) values (${userId}, 1000)`;
    await page.goto('/billing');
    await page.getByRole('button', { name: 'Use 100 credits' }).click();
    await expect(page.getByTestId('credit-balance')).toHaveText('900');
    await expect(page.getByRole('status').filter({ hasText: 'Used 100 credits; 900 left.' })).toBeVisible();
    const [spent] = await sql`select count(*)::int as n from credit_ledger where user_id = ${userId} and delta = -100`;
    expect(spent.n).toBe(1);
  });
});

test('a subscriber cancels at period end and undoes it with JavaScript disabled', async ({ page, browser, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const billing = await noScript.newPage();
    await billing.goto('/billing');
    await expect(billing.getByTestId('subscription-status')).toHaveText('Active');
    await billing.getByRole('button', { name: 'Cancel at period end' }).click();
    await expect(billing.getByRole('status').filter({ hasText: 'will end at the close' })).toBeVisible();
    await expect(billing.getByText('Access ends')).toBeVisible();
    const [sub] = await sql`select cancel_at_period_end from subscriptions where user_id = ${await userIdByEmail(sql, email)}`;
    expect(sub.cancel_at_period_end).toBe(true);

    await billing.getByRole('button', { name: 'Keep my subscription' }).click();
    await expect(billing.getByText('Renews')).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test('pages with a loading skeleton: signed out is a real redirect, and without JavaScript the content shows, not the skeleton', async ({ page, browser }) => {
  for (const path of ['/dashboard', '/billing', '/license', '/pro', '/workspace']) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location, path).toContain(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }

  await signUp(page);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const dashboard = await noScript.newPage();
    await dashboard.goto('/dashboard');
    await expect(dashboard.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(dashboard.getByText('Loading…')).toBeHidden();
    // The streamed content sits above the footer, as it does once a script has swapped it in.
    const main = await dashboard.getByRole('main').boundingBox();
    const footer = await dashboard.getByRole('contentinfo').boundingBox();
    expect(main!.y + main!.height).toBeLessThanOrEqual(footer!.y);
  } finally {
    await noScript.close();
  }
});
