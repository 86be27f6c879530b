import { checkReadiness } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when this instance can serve (config valid, database reachable, migrations current), else 503. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
