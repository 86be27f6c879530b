// The app's Playwright fixtures: a page whose checkout traffic reaches the sandbox, and the database.
import { test as base, expect, type FrameLocator, type Page } from '@playwright/test';
import postgres from 'postgres';
import { routeCheckoutNetwork } from './network';

type Fixtures = { sql: postgres.Sql };

export const test = base.extend<Fixtures>({
  // Each test is its own client behind the proxy, as in production: per-address limits apply per test.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, 'x-forwarded-for': `10.${Array.from(crypto.getRandomValues(new Uint8Array(3))).join('.')}` });
  },
  page: async ({ page }, provide) => {
    await routeCheckoutNetwork(page);
    await provide(page);
  },
  sql: async ({}, provide) => {
    const sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    await provide(sql);
    await sql.end();
  },
});

export { expect };

export const CARDS = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
};

/** The checkout iframe (overlay or inline). */
export function checkoutFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[src*="/session/"]');
}

/** Fills the sandbox checkout form (hosted page or frame) and presses Pay. */
export async function payWithCard(scope: Page | FrameLocator, card: string) {
  await scope.getByLabel('Card number').fill(card);
  await scope.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await scope.getByLabel('CVC').fill('123');
  await scope.getByRole('button', { name: /^(Pay|Start|Save)/ }).click();
}

export async function userIdByEmail(sql: postgres.Sql, email: string) {
  const [row] = await sql<{ id: string }[]>`select id from "user" where email = ${email}`;
  return row.id;
}
