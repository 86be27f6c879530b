// The thread's timeline: one ordered list, each entry with its time, what happened and its ids.
import type { TimelineEntry } from '@/lib/ops/timeline';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';
import { IdLink } from './id-link';

const TONE: Record<TimelineEntry['tone'], string> = {
  neutral: 'border-l-border',
  good: 'border-l-success',
  warn: 'border-l-warning',
  bad: 'border-l-destructive',
};

const KIND_LABEL: Record<TimelineEntry['kind'], string> = {
  request: 'Request',
  order: 'Order',
  checkout: 'Checkout',
  delivery: 'Delivery',
  webhook: 'Webhook',
  state: 'State',
  repair: 'Repair',
  access: 'Access',
  credits: 'Credits',
  licence: 'Licence',
  job: 'Job',
  attempt: 'Attempt',
  email: 'Email',
  operator: 'Operator',
};

export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {entries.map((e, i) => (
        <li key={i} className={cn('rounded-md border border-l-4 bg-card px-3 py-2 shadow-sm', TONE[e.tone])}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <time dateTime={e.at.toISOString()} className="font-mono text-xs text-muted-foreground">
              {e.at.toISOString().replace('T', ' ').slice(0, 23)}
            </time>
            <Badge variant="outline">{KIND_LABEL[e.kind]}</Badge>
            <span className="text-sm font-medium">{e.title}</span>
          </div>
          {e.detail && <p className="mt-1 break-words text-sm text-muted-foreground">{e.detail}</p>}
          {e.ids.length > 0 && (
            <p className="mt-1 flex flex-wrap gap-2">
              {e.ids.map((id) => (
                <IdLink key={id} id={id} />
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
