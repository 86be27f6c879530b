// GET /admin/api/trace/{id}: a thread's timeline as JSON, for scripts and support tickets. Operators only.
import { adminLookupId, requireAdmin } from '@/lib/ops/admin';
import { buildTimeline, loadThread } from '@/lib/ops/timeline';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const thread = await loadThread(adminLookupId((await params).id));
  if (!thread) return Response.json({ error: 'nothing is stored about this id' }, { status: 404 });
  return Response.json({ query: thread.query, user: thread.user, timeline: buildTimeline(thread) });
}
