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
    // The id the test stack's catalogue sync stored: read, never changed here (other test files buy this plan meanwhile).
    const [before] = await db.select().from(plans).where(eq(plans.id, 'lifetime'));
    expect(before.dodoProductId).toMatch(/^pdt_/);
    await seedCatalogue(db);
    const [after] = await db.select().from(plans).where(eq(plans.id, 'lifetime'));
    expect(after.dodoProductId).toBe(before.dodoProductId);
  });
});
