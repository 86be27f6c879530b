// Seats beyond the Team plan's included ones: bought through Dodo's proration preview and counted once its webhook lands.
import { mainNav, signUp, uniqueEmail } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test } from './support/fixtures';

test('an owner whose seats are all taken buys one more through the preview, then invites', async ({ page, sql }) => {
  await signUp(page, { callbackUrl: '/pricing' });
  await page.getByRole('button', { name: 'Buy Team monthly' }).click();
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  await page.goto('/workspace');
  const workspaceId = await mainNav(page).getByLabel('Workspace').inputValue();
  // Nine open invitations take the other included seats (the invitation flow itself is e2e/teams.spec.ts's).
  await sql`
    insert into workspace_invitations (id, workspace_id, email, role, token_hash, expires_at)
    select 'inv_' || md5(random()::text), ${workspaceId}, 'seat-' || g || '-' || md5(random()::text) || '@example.com', 'member', md5(random()::text), now() + interval '7 days'
    from generate_series(1, 9) g`;
  await page.reload();
  await expect(page.getByTestId('seats')).toHaveText('10 of 10 seats taken (members and open invitations)');

  const carol = uniqueEmail('carol');
  await page.getByLabel('Email').fill(carol);
  await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'All 10 seats are taken' })).toBeVisible();

  await page.getByRole('spinbutton', { name: 'Seats' }).fill('11');
  await page.getByRole('button', { name: 'Preview seat change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Buying 1 seat (11 in all) costs $' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm 11 seats' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The workspace now has 11 seats.' })).toBeVisible();
  await expect(page.getByTestId('seats-paid')).toContainText('11 seats paid: 10 included with the plan and 1 bought.');

  await page.getByLabel('Email').fill(carol);
  await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${carol}.` })).toBeVisible();
  await expect(page.getByTestId('seats')).toHaveText('11 of 11 seats taken (members and open invitations)');

  // Fewer seats than are in use is refused before Dodo is asked.
  await page.getByRole('spinbutton', { name: 'Seats' }).fill('10');
  await page.getByRole('button', { name: 'Preview seat change' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '11 seats are in use (members and open invitations).' })).toBeVisible();

  await page.goto('/billing');
  await expect(page.getByTestId('seats')).toContainText('11 used of 11 paid (10 included, 1 bought)');
  // The Team purchase is a trial: what follows it includes the bought seat.
  await expect(page.getByTestId('trial-terms')).toContainText('then $54 per month for Team (monthly)');

  // The bought seat given back at Dodo (as its portal would): its webhook's add-ons, stored. Nobody is removed; the page says so.
  await sql`update subscriptions set addons = '[]'::jsonb where id = (select subscription_id from workspaces where id = ${workspaceId})`;
  await page.goto('/workspace');
  await expect(page.getByTestId('over-seats')).toHaveText(
    '11 seats are in use but 10 are paid. Everyone keeps access; nobody can be invited until you buy seats below or remove members or invitations.',
  );
});
