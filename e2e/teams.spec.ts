// Team: the owner buys it, invites people by email, an invitee accepts and has Team access until removed.
import type { Browser, Page } from '@playwright/test';
import type postgres from 'postgres';
import { mainNav, signUp, uniqueEmail } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test } from './support/fixtures';

/** The path of the invitation link in the newest email to `email` (the worker sends it). */
async function invitationPath(sql: postgres.Sql, email: string): Promise<string> {
  let path = '';
  await expect
    .poll(async () => {
      const [mail] = await sql`select text from mail_messages where "to" = ${email} and subject like '%invited you%' order by created_at desc limit 1`;
      path = /\/invite\/[\w-]+/.exec(mail?.text ?? '')?.[0] ?? '';
      return path;
    })
    .not.toBe('');
  return path;
}

async function newVisitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

test('an owner buys Team, invites two people; one accepts and has Team access until removed', async ({ page, browser, sql }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Team monthly' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  await page.goto('/workspace');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Test User's team");
  await expect(mainNav(page).getByLabel('Workspace')).toHaveValue(/^wsp_/);
  const [alice, bob] = [uniqueEmail('alice'), uniqueEmail('bob')];
  for (const email of [alice, bob]) {
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${email}.` })).toBeVisible();
  }
  await expect(page.getByTestId('seats')).toHaveText('3 of 10 seats taken (members and open invitations)');
  await page.goto('/billing');
  await expect(page.getByTestId('seats')).toContainText('3 used of 10 paid (10 included)');
  await page.goto('/workspace');

  const invitee = await newVisitor(browser);
  const link = await invitationPath(sql, alice);
  await invitee.goto(link);
  await expect(invitee.getByRole('main')).toContainText(`The invitation is for ${alice}`);
  await signUp(invitee, { email: alice, name: 'Alice', callbackUrl: link });
  await invitee.goto(link);
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(invitee).toHaveURL(/\/workspace$/);
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText("Test User's team");
  await invitee.goto('/pro');
  await expect(invitee.getByText(/Welcome to Pro/)).toBeVisible();

  await invitee.goto(link);
  await expect(invitee.getByRole('main').getByRole('alert')).toHaveText('This invitation was already used.');

  await page.reload();
  await expect(page.getByTestId('member-row')).toHaveCount(2);
  await page.getByRole('button', { name: `Revoke invitation to ${bob}` }).click();
  await expect(page.getByTestId('invitation-row')).toHaveCount(0);
  await page.getByRole('button', { name: `Remove ${alice}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('member-row')).toHaveCount(1);
  await expect(page.getByTestId('seats')).toHaveText('1 of 10 seats taken (members and open invitations)');

  await invitee.goto('/pro');
  await expect(invitee.getByRole('main').getByRole('alert')).toContainText('needs Pro or Team');
  const refused = await newVisitor(browser);
  await refused.goto(await invitationPath(sql, bob));
  await expect(refused.getByRole('main').getByRole('alert')).toHaveText('This invitation was revoked. Ask the workspace owner for a new one.');
});
