import type { Metadata } from 'next';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireAdmin } from '@/lib/ops/admin';

export const metadata: Metadata = { title: 'Operations', robots: { index: false } };

/** Every page under /admin: operators only (anyone else gets a 404). Pages check again for themselves. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-8 flex flex-wrap items-center justify-between gap-3 border-b pb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-muted-foreground">Operations</p>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
