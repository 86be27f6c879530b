import { defineConfig } from 'drizzle-kit';
import { givenDatabaseUrl } from './lib/env';

// `npm run db:generate` needs no database; drizzle-kit's other commands use DATABASE_URL when set.
const url = givenDatabaseUrl();

export default defineConfig({
  schema: './db/schema*.ts',
  out: './db/migrations',
  dialect: 'postgresql',
  ...(url ? { dbCredentials: { url } } : {}),
});
