// `npm run dodo:sync` against the sandbox (the test stack already ran it once): add-ons exist at Dodo and the
// Team products offer their seat add-on; running it again creates nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addons, plans } from '@/db/schema';
import { getDodo } from '@/lib/dodo/client';
import { closeDb, db } from '@/test/fixtures';
import { syncCatalogueToDodo } from './catalogue-sync';

afterAll(closeDb);

describe('syncCatalogueToDodo', () => {
  it('keeps what exists, and every Team product offers its seat add-on at the add-on’s price', async () => {
    const report = await syncCatalogueToDodo(db(), getDodo());
    expect(report.created).toEqual([]);
    expect(report.kept).toEqual(expect.arrayContaining(['seat-monthly', 'seat-yearly', 'team-monthly', 'team-yearly']));
    for (const planId of ['team-monthly', 'team-yearly']) {
      const [{ plan, addon }] = await db().select({ plan: plans, addon: addons }).from(plans).innerJoin(addons, eq(addons.id, plans.seatAddonId)).where(eq(plans.id, planId));
      const product = await getDodo().products.retrieve(plan.dodoProductId!);
      expect(product.addons).toEqual([addon.dodoAddonId]);
      expect(await getDodo().addons.retrieve(addon.dodoAddonId!)).toMatchObject({ price: addon.priceCents, currency: 'USD' });
    }
  });
});
