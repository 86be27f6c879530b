import { ThreadView } from '@/components/admin/thread-view';
import { adminLookupId, requireAdmin } from '@/lib/ops/admin';
import { checkThreadWithDodo } from '@/lib/ops/dodo-check';
import { loadThread } from '@/lib/ops/timeline';

export const dynamic = 'force-dynamic';

/** The timeline of the thread any id belongs to. */
export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = adminLookupId((await params).id);
  const thread = await loadThread(id);
  return (
    <main className="space-y-6">
      <h1 className="break-all text-2xl font-bold tracking-tight">Trace of {id}</h1>
      {thread ? <ThreadView thread={thread} check={await checkThreadWithDodo(thread)} /> : <p role="status">Nothing is stored about {id}.</p>}
    </main>
  );
}
