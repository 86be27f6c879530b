// Screenshots of the main screens in both themes, compared with the baselines in e2e/__screenshots__ so
// that a visual change shows in review. Dynamic text (emails, dates, ids) is masked. After an intended
// change: `npm run test:e2e -- e2e/visual.spec.ts --update-snapshots`, then look at the new images.
import type { Locator, Page } from '@playwright/test';
import { accountMenu, signInAsAdmin, signOut, signUp } from './support/auth';
import { seriousViolations } from './support/axe';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

const THEMES = ['light', 'dark'] as const;

/** Sets the system theme (the site follows it) and reloads, so the page is drawn in it from the start. */
async function showInTheme(page: Page, colorScheme: (typeof THEMES)[number]) {
  await page.emulateMedia({ colorScheme });
  await page.reload();
  await page.waitForLoadState('networkidle');
}

test('pricing, the checkout overlay, billing and the operator timeline look as reviewed, in light and dark', async ({ page, sql }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto('/pricing');
  for (const theme of THEMES) {
    await showInTheme(page, theme);
    await expect(page).toHaveScreenshot(`pricing-${theme}.png`, { fullPage: true });
  }

  const email = await signUp(page, { callbackUrl: '/pricing' });
  const signedIn: Locator[] = [accountMenu(page, email)];
  for (const theme of THEMES) {
    await showInTheme(page, theme);
    await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
    const frame = checkoutFrame(page);
    // Issue 15 item 8: at 1280×800 the overlay opens at its top: heading, close button and summary in view.
    await expect(frame.getByRole('heading', { level: 1 })).toBeInViewport();
    await expect(frame.getByRole('button', { name: 'Close checkout' })).toBeInViewport();
    await expect(frame.locator('html')).toHaveClass(new RegExp(`theme-system`));
    expect(await seriousViolations(page, `overlay (${theme})`)).toEqual([]);
    await expect(page).toHaveScreenshot(`checkout-overlay-${theme}.png`, { mask: [...signedIn, frame.getByLabel('Email'), frame.getByText(/expires in/)] });
    if (theme === 'light') {
      await frame.getByRole('button', { name: 'Close checkout' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Checkout closed' })).toBeVisible();
    }
  }
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  await page.goto('/billing');
  await expect(page.getByTestId('subscription-status')).toHaveText('Active');
  const billingDates = [page.getByTestId('period-end'), page.getByRole('table', { name: 'Payment history' }).locator('tbody td:first-child')];
  for (const theme of THEMES) {
    await showInTheme(page, theme);
    expect(await seriousViolations(page, `billing (${theme})`)).toEqual([]);
    await expect(page).toHaveScreenshot(`billing-${theme}.png`, { fullPage: true, mask: [...signedIn, ...billingDates] });
  }

  // The sandbox's customer portal fits a 390 px phone and follows the system theme (dark here).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Open customer portal' }).click();
  await expect(page.getByRole('heading', { name: 'Billing portal' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(3, 7, 18)');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/billing');

  const [payment] = await sql`select id from payments where user_id = ${await userIdByEmail(sql, email)}`;
  await signOut(page);
  await signInAsAdmin(page, sql);
  await page.goto(`/admin/trace/${payment.id}`);
  await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
  // Times, ids and the details that carry them change on every run; the rows' shape and titles do not.
  const timeline = page.getByRole('list', { name: 'Timeline' });
  const timelineDynamic = [
    page.getByRole('heading', { level: 1 }),
    page.getByText(/^Buyer:/),
    page.getByRole('cell').filter({ hasText: 'next billing' }),
    page.locator('time'),
    page.locator('.font-mono'),
    timeline.locator('p'),
    timeline.locator('li span.font-medium'),
  ];
  for (const theme of THEMES) {
    await showInTheme(page, theme);
    await expect(page).toHaveScreenshot(`admin-timeline-${theme}.png`, { mask: [page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Account menu/ }), ...timelineDynamic] });
  }
});
