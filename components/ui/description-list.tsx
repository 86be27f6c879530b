import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

/** Label and value pairs (`<dt>`/`<dd>` children) in two aligned columns. */
export function DescriptionList({ className, ...props }: ComponentProps<'dl'>) {
  return <dl className={cn('grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm [&>dt]:text-muted-foreground', className)} {...props} />;
}
