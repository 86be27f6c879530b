// A production server must not serve a database the release step has not migrated: its queries would
// meet tables and columns that are not there yet. Checked once, before the first request.
import { pendingMigrations } from '@/db/migrate';
import { requireDatabaseUrl } from '@/lib/env';

/** Resolves when the database is reachable and current; otherwise says why in one line and exits. */
export async function refuseToServeUnmigrated() {
  let pending: string[];
  try {
    pending = await pendingMigrations(requireDatabaseUrl());
  } catch (err) {
    console.error(`[start] cannot check the database's migrations: ${(err as Error).message.split('\n').join(' ')}`);
    process.exit(1);
  }
  if (pending.length) {
    console.error(`[start] refusing to serve: migrations pending (${pending.join(', ')}); run \`npm run db:migrate\` first`);
    process.exit(1);
  }
}
