import { expect, test } from '@playwright/test';

test('the landing page shows the plans from the database with a way to buy each, and the FAQ', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const plans = page.getByRole('list', { name: 'Plans' });
  await expect(plans.getByRole('listitem', { name: /./ })).toHaveCount(4); // monthly subscriptions, the licence, credits
  await expect(plans.getByRole('heading', { name: 'Lifetime licence' })).toBeVisible();
  const pro = plans.getByRole('listitem', { name: 'Pro', exact: true });
  await expect(pro).toContainText('$12 per month');
  await expect(plans.getByRole('listitem', { name: 'Team' })).toContainText('Most popular');
  await pro.getByRole('link', { name: 'Get Pro' }).click();
  await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fpricing%3Fplan%3Dpro-monthly$/);
  await page.goto('/');
  await page.getByText('When do I get access?').click();
  await expect(page.getByText(/waits for that confirmation/)).toBeVisible();
  await page.getByRole('contentinfo').getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { name: 'Pricing' })).toBeVisible();
});

test('the site has a favicon and an Open Graph image', async ({ request }) => {
  for (const path of ['/favicon.ico', '/icon.svg', '/apple-icon', '/opengraph-image']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
  }
});
