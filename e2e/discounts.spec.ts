// Discount codes: an operator creates one at Dodo; the pricing page refuses a bad or other-plan code and
// nothing starts; a buyer with the code pays the discounted price and sees the discount on /billing and the receipt.
import { signInAsAdmin, signOut, signUp } from './support/auth';
import { CARDS, checkoutFrame, expect, payWithCard, test, userIdByEmail } from './support/fixtures';

test('an operator creates a code; a bad code is refused; a buyer pays the discounted price', async ({ page, sql }) => {
  const code = `E2E${Date.now().toString(36).toUpperCase()}`;
  await signInAsAdmin(page, sql);
  await page.goto('/admin/discounts');
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await page.getByLabel('Percent off').fill('25');
  await page.getByLabel('Usage limit (optional)').fill('5');
  await page.getByLabel('Pro (monthly)').check();
  await page.getByRole('button', { name: 'Create code' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Discount code ${code} created at Dodo.` })).toBeVisible();
  const row = page.getByTestId('discount-row').filter({ hasText: code });
  await expect(row).toContainText('25%');
  await expect(row).toContainText('0 of 5');
  await expect(row).toContainText('Pro (monthly)');
  await expect(row).toContainText('active');
  await signOut(page);

  const buyer = await signUp(page, { callbackUrl: '/pricing' });
  const plans = page.getByRole('list', { name: 'Plans' });
  const pro = plans.getByRole('listitem', { name: 'Pro', exact: true });
  await pro.getByLabel('Discount code (optional)').fill('NOT-A-CODE');
  await pro.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await expect(pro.getByRole('alert')).toHaveText('The discount code NOT-A-CODE does not exist. Check it and try again.');
  const lifetime = plans.getByRole('listitem', { name: 'Lifetime licence' });
  await lifetime.getByLabel('Discount code (optional)').fill(code);
  await lifetime.getByRole('button', { name: 'Buy Lifetime licence' }).click();
  await expect(lifetime.getByRole('alert')).toHaveText(`The discount code ${code} is not valid for Lifetime licence.`);
  const userId = await userIdByEmail(sql, buyer);
  expect(await sql`select id from orders where user_id = ${userId}`).toHaveLength(0);

  // Beside the inline checkout: a bad code is refused and the open checkout stays; the code replaces it with a discounted one.
  await page.goto('/checkout/pro-monthly');
  await expect(checkoutFrame(page).getByLabel('Card number')).toBeVisible();
  await expect(page.getByTestId('breakdown-subtotal')).toHaveText('$12');
  await page.getByLabel('Discount code (optional)').fill('NOT-A-CODE');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The discount code NOT-A-CODE does not exist. Check it and try again.');
  await expect(checkoutFrame(page).getByLabel('Card number')).toBeVisible();
  await page.getByLabel('Discount code (optional)').fill(code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('breakdown-discount')).toHaveText('-$3');
  await expect(checkoutFrame(page).locator('#discount')).toContainText('3.00');

  // The same code on the pricing page's overlay: the session just made is reused.
  await page.goto('/pricing');
  await pro.getByLabel('Discount code (optional)').fill(code);
  await pro.getByRole('button', { name: 'Buy Pro monthly' }).click();
  await expect(checkoutFrame(page).locator('#discount')).toContainText('3.00');
  await payWithCard(checkoutFrame(page), CARDS.visa);
  await expect(page.getByRole('heading', { name: 'Payment confirmed' })).toBeVisible();

  await page.goto('/billing');
  const payment = page.getByRole('table', { name: 'Payment history' }).getByRole('row').nth(1);
  await expect(payment).toContainText('$9');
  await expect(payment.getByTestId('payment-discount')).toHaveText(`Discount ${code} (25% off)`);
  await expect
    .poll(async () => (await sql`select text from mail_messages where "to" = ${buyer} and subject like 'Receipt%'`)[0]?.text ?? '')
    .toContain(`Discount: ${code} (25% off)`);

  // The operator disables it; the use stays counted.
  await signOut(page);
  await signInAsAdmin(page, sql);
  await page.goto('/admin/discounts');
  await page.getByRole('button', { name: `Disable ${code}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('discount-row').filter({ hasText: code })).toContainText('disabled');
  await expect(page.getByTestId('discount-row').filter({ hasText: code })).toContainText('1 of 5');
});
