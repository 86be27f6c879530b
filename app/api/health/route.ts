export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Nothing about its internals; readiness is /api/health/ready. */
export function GET() {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
