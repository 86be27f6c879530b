'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { LoaderCircle, Menu } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { cn } from '@/lib/utils';

export type NavLink = { href: string; label: string };

const isCurrent = (pathname: string, href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));

/** While the page a link opens is on its way (no route-level loading.tsx: see docs/ui.md), a spinner beside it. */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <LoaderCircle aria-hidden className="size-3.5 animate-spin" /> : null;
}

/** The header's links: in a row from the `md` width up, behind a Menu button below it (no second row on a phone). */
export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <>
      <ul className="hidden items-center gap-1 md:flex">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}
              className={cn(
                'inline-flex items-center gap-1 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground',
                isCurrent(pathname, link.href) && 'text-foreground',
              )}
            >
              {link.label}
              <PendingMark />
            </Link>
          </li>
        ))}
      </ul>
      <div className="order-last md:hidden">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" aria-label="Menu">
              <Menu aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {links.map((link) => (
              <DropdownMenuItem key={link.href} asChild>
                <Link href={link.href} aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}>
                  {link.label}
                </Link>
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </>
  );
}
