import Link from 'next/link';
import { cn } from '@/lib/utils';

/** The product's mark and name; the mark is the same shape as the favicon. */
export function Logo({ className, href = '/' }: { className?: string; href?: string }) {
  return (
    <Link href={href} className={cn('inline-flex items-center gap-2 whitespace-nowrap rounded-md font-semibold tracking-tight text-foreground', className)}>
      <svg viewBox="0 0 32 32" aria-hidden className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-primary" />
        <path d="M9 22V10h6.5a6 6 0 0 1 0 12H9Z" className="fill-primary-foreground" />
        <circle cx="22.5" cy="11" r="2.5" className="fill-primary-foreground" />
      </svg>
      <span>Dodo SaaS Starter</span>
    </Link>
  );
}
