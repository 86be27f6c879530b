// The one table (shadcn/ui's look): scrolls sideways on a phone, a caption for screen readers, column headings, rows.
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

export function Table({ caption, columns, children, className }: { caption: string; columns: string[]; children: React.ReactNode; className?: string }) {
  return (
    // Focusable, so a keyboard can scroll it sideways when it overflows a phone screen.
    <div data-slot="table-container" role="region" aria-label={caption} tabIndex={0} className="relative w-full overflow-x-auto">
      <table className={cn('w-full text-left text-sm', className)}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b">
            {columns.map((column) => (
              <th key={column} scope="col" className="h-9 whitespace-nowrap px-2 align-middle font-medium text-muted-foreground">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="[&_tr:last-child]:border-0">{children}</tbody>
      </table>
    </div>
  );
}

export function Row({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={cn('border-b transition-colors hover:bg-muted/50', className)} {...props} />;
}

export function Cell({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('px-2 py-2 align-top', className)} {...props} />;
}

/** A row's own heading (the first cell of a data table whose rows are labelled). */
export function RowHeader({ className, ...props }: ComponentProps<'th'>) {
  return <th scope="row" className={cn('px-2 py-2 text-left align-top font-normal', className)} {...props} />;
}
