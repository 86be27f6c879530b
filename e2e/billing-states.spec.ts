// Every status a subscription can have reads correctly on the billing page, with the access it implies.
import { signUp } from './support/auth';
import { expect, test, userIdByEmail } from './support/fixtures';

const STATES: { status: string; text: string; access: boolean; banner?: RegExp }[] = [
  { status: 'active', text: 'Active', access: true },
  { status: 'on_hold', text: 'On hold: the last renewal failed', access: true, banner: /renewal payment failed/ },
  { status: 'past_due', text: 'Past due', access: true, banner: /renewal payment failed/ },
  { status: 'paused', text: 'Paused', access: false },
  { status: 'cancelled', text: 'Cancelled', access: false },
  { status: 'expired', text: 'Expired', access: false },
  { status: 'failed', text: 'Failed', access: false },
  { status: 'pending', text: 'Pending', access: false },
];

for (const state of STATES) {
  test(`subscription status ${state.status} shows as "${state.text}"`, async ({ page, sql }) => {
    const email = await signUp(page);
    const userId = await userIdByEmail(sql, email);
    const [plan] = await sql`select id, dodo_product_id, entitlements from plans where id = 'pro-monthly'`;
    const subscriptionId = `sub_state${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    // Stored state as the webhooks would have left it (the transitions themselves are tested in lib/billing).
    await sql`insert into subscriptions (id, user_id, plan_id, dodo_product_id, status, next_billing_date, last_event_at)
              values (${subscriptionId}, ${userId}, ${plan.id}, ${plan.dodo_product_id}, ${state.status}, now() + interval '20 days', now())`;
    if (state.access) {
      await sql`insert into entitlements (id, user_id, key, source, status, valid_until)
                values (${crypto.randomUUID()}, ${userId}, 'pro', ${`subscription:${subscriptionId}`},
                        ${state.status === 'active' ? 'active' : 'grace'}, now() + interval '7 days')`;
    }
    await page.goto('/billing');
    await expect(page.getByTestId('subscription-status')).toHaveText(state.text);
    const banner = page.getByRole('main').getByRole('alert').filter({ hasText: /renewal payment failed/ });
    await expect(banner).toHaveCount(state.banner ? 1 : 0);
    await page.goto('/pro');
    if (state.access) await expect(page.getByText(/Welcome to Pro/)).toBeVisible();
    else await expect(page.getByRole('main').getByRole('alert')).toContainText('needs Pro or Team');
  });
}
