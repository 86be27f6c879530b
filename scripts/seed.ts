// `npm run db:seed`: upserts the catalogue into DATABASE_URL; safe to run twice.
import { createDatabase } from '../db/index';
import { seedCatalogue } from '../db/seed';
import { requireDatabaseUrl } from '../lib/env';

const { db, client } = createDatabase(requireDatabaseUrl(), 1);
const count = await seedCatalogue(db);
await client.end();
console.log(`${count} plans seeded`);
