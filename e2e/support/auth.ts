// Signing up, in and out through the real forms, for any spec that needs a signed-in user.
import { expect, type Page } from '@playwright/test';
import type postgres from 'postgres';

/** The password `signUp` uses unless given one. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** An email no other test (or earlier run against the same database) has used. */
export function uniqueEmail(prefix = 'e2e') {
  return `${prefix}-${crypto.randomUUID()}@example.test`;
}

/** The header's Main navigation, where the account menu (named with the signed-in email) lives. */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Signing up or in hashes a password and renders the next page: on a busy machine that takes longer than the default wait. */
const SIGNED_IN_TIMEOUT = 45_000;

/** The header's account menu button; its name carries the signed-in email. */
export function accountMenu(page: Page, email: string) {
  return mainNav(page).getByRole('button', { name: `Account menu, signed in as ${email}` });
}

type SignUpOptions = { email?: string; password?: string; name?: string; callbackUrl?: string; verify?: boolean };

/**
 * Creates an account through /sign-up, which answers "check your email" (as it does for a taken
 * address); then (unless `verify: false`) confirms the email with the link from the dev mailbox, as a
 * buyer must before paying; then signs in with the password and lands on `callbackUrl`. Returns the email.
 */
export async function signUp(page: Page, { email = uniqueEmail(), password = TEST_PASSWORD, name = 'Test User', callbackUrl, verify = true }: SignUpOptions = {}): Promise<string> {
  await submitSignUp(page, { email, password, name });
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  if (verify) {
    await page.goto(await mailedLink(page, email, '/verify-email'));
    await expect(page.getByRole('heading', { name: 'Email verified' })).toBeVisible();
  }
  await signIn(page, { email, password, callbackUrl });
  return email;
}

/** Fills and sends the /sign-up form, without waiting for the answer. */
export async function submitSignUp(page: Page, { email, password = TEST_PASSWORD, name = 'Test User' }: { email: string; password?: string; name?: string }): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** The newest link to `path` mailed to `email`, read from the dev mailbox once the worker has sent it. */
export async function mailedLink(page: Page, email: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<]+${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await expect(async () => {
    const html = await (await page.request.get('/dev/mail')).text();
    const message = html.split('<article').find((article) => article.includes(email) && pattern.test(article));
    link = message?.match(pattern)?.[0];
    expect(link, `a mail to ${email} with a ${path} link`).toBeTruthy();
  }).toPass({ timeout: 20_000 });
  return link!;
}

/** Signs in through /sign-in and waits until the header shows the email. */
export async function signIn(
  page: Page,
  { email, password = TEST_PASSWORD, callbackUrl }: { email: string; password?: string; callbackUrl?: string },
): Promise<void> {
  await page.goto(callbackUrl ? `/sign-in?${new URLSearchParams({ callbackUrl })}` : '/sign-in');
  await fillSignInForm(page, { email, password });
  await expect(accountMenu(page, email)).toBeVisible({ timeout: SIGNED_IN_TIMEOUT });
}

/** Fills and submits the sign-in form on the current page, without waiting for the outcome. */
export async function fillSignInForm(page: Page, { email, password }: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

/** Signs out from the header's account menu and waits until the header offers Sign in again. */
export async function signOut(page: Page): Promise<void> {
  await mainNav(page).getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** The one address in the e2e app's ADMIN_EMAILS (E2E_ADMIN_EMAIL in support/global-setup.ts). */
export const ADMIN_EMAIL = 'admin@example.test';

/** Signs in as the operator, creating the account the first time (specs run one at a time). */
export async function signInAsAdmin(page: Page, sql: postgres.Sql) {
  const [existing] = await sql`select 1 from "user" where email = ${ADMIN_EMAIL}`;
  if (existing) await signIn(page, { email: ADMIN_EMAIL });
  else await signUp(page, { email: ADMIN_EMAIL, name: 'Operator' });
}
