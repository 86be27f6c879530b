import { expect, test } from '@playwright/test';
import { accountMenu, fillSignInForm, mainNav, signIn, signOut, signUp, submitSignUp, TEST_PASSWORD, uniqueEmail } from './support/auth';

test('a visitor signs up, signs out, signs in again, and a wrong password is refused', async ({ page }) => {
  const email = await signUp(page, { name: 'Ada Lovelace' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(mainNav(page).getByRole('link', { name: 'Billing' })).toBeVisible();

  await signOut(page);
  await expect(accountMenu(page, email)).toHaveCount(0);
  await expect(mainNav(page).getByRole('link', { name: 'Billing' })).toHaveCount(0);

  await signIn(page, { email });
  await signOut(page);

  await page.goto('/sign-in');
  await fillSignInForm(page, { email, password: 'not-the-password' });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('signing up with an email that already has an account answers as for a new one, and mails its owner a note', async ({ page, browser }) => {
  const email = await signUp(page);
  const other = await browser.newPage();
  await submitSignUp(other, { email, name: 'Someone Else', password: 'another-password' });
  await expect(other.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(other.getByRole('main').getByRole('status')).toHaveText(`Check your email: we sent a message to ${email}. Then sign in with your password.`);
  await other.close();

  await expect(async () => {
    const html = await (await page.request.get('/dev/mail')).text();
    expect(html.split('<article').some((article) => article.includes(email) && article.includes('You already have an account'))).toBe(true);
  }).toPass({ timeout: 20_000 });
  // The owner's password still works; the other one does not.
  await signOut(page);
  await signIn(page, { email });
});

test('signing in from a link with a callbackUrl lands on that page', async ({ page }) => {
  const email = await signUp(page);
  await signOut(page);

  await page.goto(`/sign-in?${new URLSearchParams({ callbackUrl: '/pricing?interval=year' })}`);
  await fillSignInForm(page, { email, password: TEST_PASSWORD });

  await expect(page).toHaveURL(/\/pricing\?interval=year$/);
  await expect(accountMenu(page, email)).toBeVisible();
});

test('the link to sign up carries the callbackUrl, and signing in after signing up lands there', async ({ page }) => {
  await page.goto(`/sign-in?${new URLSearchParams({ callbackUrl: '/?from=test' })}`);
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2F%3Ffrom%3Dtest$/);

  const email = uniqueEmail();
  await page.getByLabel('Name').fill('Linked Visitor');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  await page.getByRole('main').getByRole('link', { name: 'Go to sign in' }).click();
  await fillSignInForm(page, { email, password: TEST_PASSWORD });
  await expect(page).toHaveURL(/\/\?from=test$/);
  await expect(accountMenu(page, email)).toBeVisible();
});

test('a callbackUrl to another site is ignored', async ({ page }) => {
  const email = await signUp(page);
  await signOut(page);

  for (const callbackUrl of ['//evil.example', 'https://evil.example/pricing']) {
    await page.goto(`/sign-in?${new URLSearchParams({ callbackUrl })}`);
    await fillSignInForm(page, { email, password: TEST_PASSWORD });
    await expect(accountMenu(page, email)).toBeVisible();
    expect(new URL(page.url()).origin).not.toContain('evil.example');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await signOut(page);
  }
});

test('the sign-in form is usable from the keyboard alone', async ({ page }) => {
  const email = await signUp(page);
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByLabel('Email').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');

  await expect(accountMenu(page, email)).toBeVisible();
});

test('the header fits a phone screen in one row, signed out and signed in', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await expect(mainNav(page).getByRole('link', { name: 'Sign up' })).toBeInViewport();
  const email = await signUp(page);
  await expect(accountMenu(page, email)).toBeInViewport();
  const header = await mainNav(page).boundingBox();
  expect(header?.height).toBeLessThanOrEqual(64); // one row: the links are behind the Menu button
  await mainNav(page).getByRole('button', { name: 'Menu', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Billing' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await accountMenu(page, email).click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport();
  await page.keyboard.press('Escape');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});
