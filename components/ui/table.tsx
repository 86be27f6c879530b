// The one table: scrolls sideways on a phone, a caption for screen readers, column headings, rows.
import type { ComponentProps } from 'react';

export function Table({ caption, columns, children }: { caption: string; columns: string[]; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-slate-600">
            {columns.map((column) => (
              <th key={column} scope="col" className="py-1 pr-4 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Row(props: ComponentProps<'tr'>) {
  return <tr className="border-t border-slate-100" {...props} />;
}

export function Cell({ className = '', ...props }: ComponentProps<'td'>) {
  return <td className={`py-1.5 pr-4 align-top ${className}`.trim()} {...props} />;
}
