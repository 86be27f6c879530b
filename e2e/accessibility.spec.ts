// axe-core on every page a customer or operator sees: no serious or critical violation, in the light and
// dark themes (the site follows the system's), on a desktop and on a phone (the desktop and mobile projects).
import type { Page } from '@playwright/test';
import { signInAsAdmin, signOut, signUp } from './support/auth';
import { seriousViolations } from './support/axe';
import { expect, test } from './support/fixtures';

const PUBLIC_PAGES = [
  '/',
  '/pricing',
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password?token=unknown',
  '/sign-in/email-link',
  '/sign-in/link?token=unknown',
  '/verify-email?token=used',
  '/invite/no-such-invitation',
  '/no-such-page',
];
/** An account whose email is not verified yet: every page carries the verification banner. */
const UNVERIFIED_PAGES = ['/dashboard', '/billing'];
const OPERATOR_PAGES = [
  '/dashboard',
  '/pricing',
  '/pro',
  '/license',
  '/billing',
  '/workspace',
  '/account',
  '/account/confirm-email?token=unknown',
  '/checkout/lifetime',
  '/admin',
  '/admin/dashboard',
  '/admin/discounts',
  '/admin/trace/pay_unknown',
  '/admin/payments/pay_unknown',
];

async function check(page: Page, paths: string[], who: string) {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    found.push(...(await seriousViolations(page, `${who} ${path}`)));
  }
  return found;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations, ${colorScheme} theme`, async ({ page, sql }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme });
    const found = await check(page, PUBLIC_PAGES, 'visitor');

    await signUp(page, { verify: false });
    found.push(...(await check(page, UNVERIFIED_PAGES, 'unverified')));
    await signOut(page);

    await signInAsAdmin(page, sql);
    found.push(...(await check(page, OPERATOR_PAGES, 'operator')));

    expect(found).toEqual([]);
  });
}
