import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

type CardElement = 'div' | 'section' | 'article' | 'li' | 'figure';

/** A panel; `as` picks the element (a `section` with aria-labelledby when it is a region of the page). */
export function Card({ className, as = 'div', ...props }: Omit<ComponentProps<'section'>, 'ref'> & { as?: CardElement }) {
  // Every CardElement takes the same HTML attributes; the cast only tells TypeScript so.
  const Tag = as as 'section';
  return <Tag data-slot="card" className={cn('rounded-xl border bg-card p-6 text-card-foreground shadow-sm', className)} {...props} />;
}

export function CardHeader({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="card-header" className={cn('mb-4 space-y-1', className)} {...props} />;
}

export function CardTitle({ className, as: Tag = 'h2', ...props }: ComponentProps<'h2'> & { as?: 'h2' | 'h3' }) {
  return <Tag data-slot="card-title" className={cn('text-lg font-semibold leading-tight', className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="card-description" className={cn('text-sm text-muted-foreground', className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="card-footer" className={cn('mt-4 flex flex-wrap items-center gap-2', className)} {...props} />;
}
