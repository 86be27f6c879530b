import { expect, test } from '@playwright/test';

test('the home page lists the seeded plans from the database', async ({ page }) => {
  await page.goto('/');
  const plans = page.getByRole('list', { name: 'Plans' });
  await expect(plans.getByRole('listitem')).toHaveCount(6);
  await expect(plans.getByRole('heading', { name: 'Lifetime licence' })).toBeVisible();
  await expect(plans.getByRole('listitem').filter({ hasText: 'Everything a single maker needs.' })).toContainText('$12 per month');
  await page.getByRole('link', { name: 'See pricing and buy' }).click();
  await expect(page.getByRole('heading', { name: 'Pricing' })).toBeVisible();
});
