// Accounts you can trust: a listed or granted operator needs a verified email, an unverified buyer
// cannot pay, and signing out ends the session on the server.
import { spawnSync } from 'node:child_process';
import { E2E_LISTED_EMAIL } from './support/global-setup';
import { fillSignInForm, mailedLink, mainNav, signOut, signUp, TEST_PASSWORD } from './support/auth';
import { expect, test } from './support/fixtures';

test('signing up first as a listed operator address (in capitals) opens nothing until the email is verified', async ({ page }) => {
  await signUp(page, { email: E2E_LISTED_EMAIL.toUpperCase(), verify: false });
  expect((await page.request.get('/admin')).status()).toBe(404);
  await expect(mainNav(page).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  // Unverified: browsing works, buying does not, and the page says why and offers a new link.
  await page.goto('/pricing');
  const notice = page.getByRole('region', { name: 'Verify your email' });
  await expect(notice).toContainText('Confirm your email address to buy a plan');
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Confirm your email address first' })).toBeVisible();
  await notice.getByRole('button', { name: 'Send a new link' }).click();
  await expect(notice.getByRole('status')).toContainText(`We sent a new link to ${E2E_LISTED_EMAIL}`);

  await page.goto(await mailedLink(page, E2E_LISTED_EMAIL, '/verify-email'));
  await expect(page.getByRole('heading', { name: 'Email verified' })).toBeVisible();
  expect((await page.request.get('/admin')).status()).toBe(200);
});

test('an operator granted by the CLI opens the console; revoked, it is gone; an unverified account cannot be granted', async ({ page }) => {
  // Two accounts and three runs of the CLI (each a fresh tsx process).
  test.slow();
  const adminRole = (command: 'grant' | 'revoke', email: string) =>
    spawnSync('npm', ['run', '--silent', `admin:${command}`, '--', email], { env: process.env, encoding: 'utf8' });

  const unverified = await signUp(page, { verify: false });
  const refused = adminRole('grant', unverified);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('has not verified its email');
  await signOut(page);

  const email = await signUp(page);
  expect((await page.request.get('/admin')).status()).toBe(404);
  const granted = adminRole('grant', email);
  expect(granted.stdout).toContain(`${email}: operator.`);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Operations console' })).toBeVisible();
  // Ids that cannot be ids are a 404, not a server error.
  for (const path of ['/admin/trace/%25', '/admin/payments/%25', '/admin/api/trace/%25', '/admin/trace/a%20b']) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }

  adminRole('revoke', email);
  expect((await page.request.get('/admin')).status()).toBe(404);
});

test('after signing out, the old session cookie no longer works', async ({ page, browser }) => {
  await signUp(page, { verify: false });
  const before = await page.context().storageState();
  await signOut(page);

  const replay = await browser.newContext({ storageState: before });
  try {
    const res = await replay.request.get('/api/me/entitlements');
    expect(res.status()).toBe(401);
  } finally {
    await replay.close();
  }
});

test('after ten sign-ins on one account the form says to wait, and refuses the right password too', async ({ page }) => {
  const email = await signUp(page, { verify: false });
  await signOut(page);
  test.slow();
  await page.goto('/sign-in');
  // Each attempt is awaited to its answer, so none is still on its way when the next one counts.
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await fillSignInForm(page, { email, password });
    await answered;
  };
  // Signing up signed in once: nine wrong passwords make ten attempts in the window.
  for (let i = 0; i < 9; i++) {
    await attempt(`wrong-password-${i}`);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  }
  await attempt(TEST_PASSWORD);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Too many sign-in attempts. Try again in 15 minutes.');
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('every page carries the security headers; the CSP frames only Dodo checkout and is framed only by the app', async ({ page }) => {
  const res = await page.request.get('/pricing');
  const headers = res.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(headers['content-security-policy']).toMatch(/frame-src [^;]*https:\/\/test\.checkout\.dodopayments\.com/);
  expect(headers['strict-transport-security']).toBeUndefined();
  const robots = await (await page.request.get('/robots.txt')).text();
  expect(robots).not.toContain('/admin');
});
