import { sql } from 'drizzle-orm';
import type { Database } from './index';
import { plans } from './schema';
import { catalogue } from './catalogue';

/** Upserts the catalogue; safe to run any number of times. Dodo product ids are kept if already synced. */
export async function seedCatalogue(db: Database) {
  for (const plan of catalogue) {
    const { id: _id, ...rest } = plan;
    await db
      .insert(plans)
      .values(plan)
      .onConflictDoUpdate({ target: plans.id, set: { ...rest, updatedAt: sql`now()` } });
  }
  return catalogue.length;
}
