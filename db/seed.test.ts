import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDatabase } from './index';
import { requireDatabaseUrl } from '@/lib/env';
import { seedCatalogue } from './seed';
import { plans } from './schema';
import { catalogue } from './catalogue';

const { db, client } = createDatabase(requireDatabaseUrl(), 2);
afterAll(() => client.end());

describe('catalogue seed', () => {
  it('can run twice and leaves one row per plan', async () => {
    await seedCatalogue(db);
    await seedCatalogue(db);
    const rows = await db.select().from(plans);
    expect(rows.filter((r) => catalogue.some((c) => c.id === r.id))).toHaveLength(catalogue.length);
  });

  it('keeps a synced Dodo product id when it runs again', async () => {
    await db.update(plans).set({ dodoProductId: 'pdt_keepme' }).where(eq(plans.id, 'lifetime'));
    await seedCatalogue(db);
    const [row] = await db.select().from(plans).where(eq(plans.id, 'lifetime'));
    expect(row.dodoProductId).toBe('pdt_keepme');
    await db.update(plans).set({ dodoProductId: null }).where(eq(plans.id, 'lifetime'));
  });
});
