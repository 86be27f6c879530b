import { sql } from 'drizzle-orm';
import type { Database } from './index';
import { addons, plans } from './schema';
import { addonCatalogue, catalogue } from './catalogue';

/** Upserts the catalogue (add-ons and plans); safe to run any number of times. Dodo product ids are kept if already synced. */
export async function seedCatalogue(db: Database) {
  // Add-ons first: plans name the seat add-on they sell.
  for (const addon of addonCatalogue) {
    const { id: _id, ...rest } = addon;
    await db
      .insert(addons)
      .values(addon)
      .onConflictDoUpdate({ target: addons.id, set: { ...rest, updatedAt: sql`now()` } });
  }
  for (const plan of catalogue) {
    const { id: _id, ...rest } = plan;
    await db
      .insert(plans)
      .values(plan)
      .onConflictDoUpdate({ target: plans.id, set: { ...rest, updatedAt: sql`now()` } });
  }
  return catalogue.length;
}
