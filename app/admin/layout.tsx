import Link from 'next/link';
import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/ops/admin';

export const metadata: Metadata = { title: 'Operations · Dodo SaaS Starter', robots: { index: false } };

const link = 'rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100';

/** Every page under /admin: operators only (anyone else gets a 404). Pages check again for themselves. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <nav aria-label="Operations" className="mb-6 flex flex-wrap items-center gap-1 border-b border-slate-200 pb-3">
        <span className="mr-2 text-sm font-semibold text-slate-900">Operations</span>
        <Link href="/admin" className={link}>
          Console
        </Link>
        <Link href="/admin/dashboard" className={link}>
          Dashboard
        </Link>
        <Link href="/admin/discounts" className={link}>
          Discount codes
        </Link>
      </nav>
      {children}
    </div>
  );
}
