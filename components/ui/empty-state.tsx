import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

type Props = ComponentProps<'div'> & { icon?: React.ReactNode; title: string; action?: React.ReactNode };

/** Nothing to show yet: says so, and what to do next. */
export function EmptyState({ icon, title, action, children, className, ...props }: Props) {
  return (
    <div className={cn('flex flex-col items-center rounded-xl border border-dashed px-6 py-10 text-center', className)} {...props}>
      {icon && <div className="mb-3 text-muted-foreground [&_svg]:size-8">{icon}</div>}
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-muted-foreground">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
