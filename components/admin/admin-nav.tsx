'use client';

import { usePathname } from 'next/navigation';
import { SegmentedNav } from '@/components/ui/segmented-nav';

const PAGES = [
  { href: '/admin', label: 'Console' },
  { href: '/admin/dashboard', label: 'Dashboard' },
  { href: '/admin/discounts', label: 'Discount codes' },
];

/** The operations sub-navigation: the page you are on is marked, the section's name is not a tab. */
export function AdminNav() {
  const pathname = usePathname();
  // Trace and payment pages belong to the console.
  const current = PAGES.find((p) => p.href !== '/admin' && pathname.startsWith(p.href))?.href ?? '/admin';
  return <SegmentedNav label="Operations" items={PAGES.map((p) => ({ ...p, current: p.href === current }))} />;
}
