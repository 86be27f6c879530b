import type { ComponentProps } from 'react';
import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/utils';

/** shadcn/ui's native select: a real <select>, so the form it sits in works before JavaScript loads. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return (
    <div className={cn('relative w-full sm:w-auto', className)}>
      <select
        data-slot="native-select"
        className="block min-h-10 w-full appearance-none rounded-md border border-input bg-card py-2 pl-3 pr-9 text-base text-foreground shadow-xs sm:text-sm"
        {...props}
      />
      <ChevronDown aria-hidden className="pointer-events-none absolute right-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
    </div>
  );
}
