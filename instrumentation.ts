// Next.js runs register() once when a server starts (next dev, next start, the standalone server): the
// whole configuration and the database are checked before the first request, and a problem stops the
// server with one line naming it, instead of a server that answers every page with a 500. A database
// the release step (`npm run db:migrate`) has not migrated yet is such a problem too.
export async function register() {
  // Next's own variables: the check belongs to the Node.js server, not to the build or the edge runtime.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkStartupOrExit } = await import('./lib/startup');
  await checkStartupOrExit('app', { database: 'app' });
  const { refuseToServeUnmigrated } = await import('./lib/ops/release-check');
  await refuseToServeUnmigrated();
}
