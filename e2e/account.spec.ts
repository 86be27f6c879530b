// The account page: change the email (applies only from the new address's link), change the password
// and sign out everywhere (other browsers lose their session), delete the account (the subscription is
// cancelled at Dodo first; the payment records stay, without the email).
import type { Browser, Page } from '@playwright/test';
import { accountMenu, fillSignInForm, mailedLink, mainNav, signIn, signUp, TEST_PASSWORD, uniqueEmail } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

const section = (page: Page, name: string) => page.getByRole('region', { name });

/** A second browser that signs in as the same user: a session of its own, to see it end. */
async function secondBrowser(browser: Browser, email: string, password = TEST_PASSWORD) {
  const context = await browser.newContext();
  await signIn(await context.newPage(), { email, password });
  return context;
}

test('a new email applies only once its link is opened, and is verified then', async ({ page }) => {
  const email = await signUp(page);
  const newEmail = uniqueEmail('moved');
  await page.goto('/account');
  const emailSection = section(page, 'Email');
  await emailSection.getByLabel('New email').fill(newEmail);
  await emailSection.getByLabel('Current password').fill(TEST_PASSWORD);
  await emailSection.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(emailSection.getByRole('status')).toHaveText(`We sent a link to ${newEmail}. Your email stays ${email} until you open it.`);
  await page.reload();
  await expect(accountMenu(page, email)).toBeVisible();

  await page.goto(await mailedLink(page, newEmail, '/account/confirm-email'));
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Your account uses this address now, and it is verified.');
  await page.goto('/account');
  await expect(accountMenu(page, newEmail)).toBeVisible();
  await expect(section(page, 'Email').getByText(newEmail)).toBeVisible();
  await expect(section(page, 'Email').getByText('Verified', { exact: true })).toBeVisible();
});

test('changing the password signs out the other browsers; signing out everywhere ends this one too', async ({ page, browser }) => {
  const email = await signUp(page, { verify: false });
  const other = await secondBrowser(browser, email);
  await page.goto('/account');
  const password = section(page, 'Password');
  await password.getByLabel('Current password').fill(TEST_PASSWORD);
  await password.getByLabel('New password').fill('changed-password-1');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toHaveText('Your password is changed. Every other browser is signed out.');
  expect((await other.request.get('/api/me/entitlements')).status()).toBe(401);
  await other.close();
  expect((await page.request.get('/api/me/entitlements')).status()).toBe(200);

  const again = await secondBrowser(browser, email, 'changed-password-1');
  await section(page, 'Sessions').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect((await again.request.get('/api/me/entitlements')).status()).toBe(401);
  await again.close();
  await signIn(page, { email, password: 'changed-password-1' });
});

test('deleting the account warns about the subscription, cancels it at Dodo, and keeps the payment without the email', async ({ page, sql }) => {
  const email = await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();
  const userId = await userIdByEmail(sql, email);

  await page.goto('/account');
  const danger = section(page, 'Delete account');
  await expect(danger.getByRole('note')).toContainText('will be cancelled at once');
  await danger.getByLabel('Type your email to confirm').fill(email);
  await danger.getByLabel('Current password').fill(TEST_PASSWORD);
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete your account for good?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete my account' }).click();
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();

  await expect(async () => {
    const [sub] = await sql`select status from subscriptions where user_id = ${userId}`;
    expect(sub.status).toBe('cancelled');
  }).toPass({ timeout: 20_000 });
  const [user] = await sql`select email, name, deleted_at from "user" where id = ${userId}`;
  expect(user).toMatchObject({ email: null, name: null });
  expect(user.deleted_at).not.toBeNull();
  const [paid] = await sql`select count(*)::int as n from payments where user_id = ${userId}`;
  expect(paid.n).toBe(1);

  await page.goto('/sign-in');
  await fillSignInForm(page, { email, password: TEST_PASSWORD });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
});
