import Link from 'next/link';
import { cn } from '@/lib/utils';

type Item = { href: string; label: string; current: boolean };

/** Links that look like tabs (a period switch, a sub-navigation): real URLs, so they work without JavaScript. */
export function SegmentedNav({ label, items, className }: { label: string; items: Item[]; className?: string }) {
  return (
    <nav aria-label={label} className={cn('inline-flex max-w-full overflow-x-auto rounded-lg bg-muted p-1', className)}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.current ? 'page' : undefined}
          className={cn(
            'inline-flex min-h-8 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground',
            item.current && 'bg-card text-foreground shadow-sm',
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
