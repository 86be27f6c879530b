import { ChevronDown } from 'lucide-react';
import { Card } from '@/components/ui/card';

export type FaqItem = { question: string; answer: string };

/** Questions that open in place (<details>: no JavaScript needed, searchable with the browser's find). */
export function Faq({ items, headingId }: { items: FaqItem[]; headingId: string }) {
  return (
    <Card aria-labelledby={headingId} role="group" className="divide-y p-0">
      {items.map((item) => (
        <details key={item.question} className="group px-5 py-4 [&_summary::-webkit-details-marker]:hidden">
          <summary className="flex cursor-pointer list-none items-center justify-between gap-4 font-medium">
            {item.question}
            <ChevronDown aria-hidden className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-180" />
          </summary>
          <p className="mt-3 text-sm leading-relaxed text-muted-foreground">{item.answer}</p>
        </details>
      ))}
    </Card>
  );
}
