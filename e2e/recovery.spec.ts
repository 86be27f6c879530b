// Getting back in by email: a password reset that ends every other session, and a sign-in link that
// also verifies the address. Links are read from the dev mailbox, as a user reads their inbox.
import { accountMenu, fillSignInForm, mailedLink, mainNav, signIn, signOut, signUp, TEST_PASSWORD, uniqueEmail } from './support/auth';
import { expect, test } from './support/fixtures';

const NEW_PASSWORD = 'a-brand-new-password';

test('a forgotten password is reset by a mailed link, once; every other session ends and the address counts as verified', async ({ page, browser }) => {
  const email = await signUp(page, { verify: false });
  const elsewhere = await browser.newContext({ storageState: await page.context().storageState() });
  expect((await elsewhere.request.get('/api/me/entitlements')).status()).toBe(200);
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`If ${email} has an account, we sent it a link to choose a new password. It works once, within an hour.`);

  const link = await mailedLink(page, email, '/reset-password');
  await page.goto(link);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(accountMenu(page, email)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Verify your email' })).toHaveCount(0);

  expect((await elsewhere.request.get('/api/me/entitlements')).status()).toBe(401);
  await elsewhere.close();

  await signOut(page);
  await page.goto(link);
  await page.getByLabel('New password').fill('yet-another-password');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link does not work');

  await page.goto('/sign-in');
  await fillSignInForm(page, { email, password: TEST_PASSWORD });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn(page, { email, password: NEW_PASSWORD });
});

test('asking to reset an address without an account answers exactly the same', async ({ page }) => {
  const email = uniqueEmail('nobody');
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`If ${email} has an account, we sent it a link to choose a new password. It works once, within an hour.`);
});

test('a sign-in link signs in once and verifies the email', async ({ page }) => {
  const email = await signUp(page, { verify: false });
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with an email link' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`If ${email} has an account, we sent it a sign-in link.`);

  const link = await mailedLink(page, email, '/sign-in/link');
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in with this link' }).click();
  await expect(accountMenu(page, email)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Verify your email' })).toHaveCount(0);

  await signOut(page);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in with this link' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link does not work');
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a sixth reset request for one address within the hour is refused on the page', async ({ page }) => {
  const email = uniqueEmail('throttled');
  await page.goto('/forgot-password');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText(`If ${email} has an account`);
    await page.reload();
  }
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^Too many requests\. Try again in \d+ minutes\.$/);
});
