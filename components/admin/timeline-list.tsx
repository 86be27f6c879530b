// The thread's timeline: one ordered list, each entry with its time, what happened and its ids.
import type { TimelineEntry } from '@/lib/ops/timeline';
import { IdLink } from './id-link';

const TONE: Record<TimelineEntry['tone'], string> = {
  neutral: 'border-slate-300',
  good: 'border-emerald-500',
  warn: 'border-amber-500',
  bad: 'border-red-600',
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
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {entries.map((e, i) => (
        <li key={i} className={`rounded-md border-l-4 bg-white px-3 py-2 shadow-sm ${TONE[e.tone]}`}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <time dateTime={e.at.toISOString()} className="font-mono text-xs text-slate-600">
              {e.at.toISOString().replace('T', ' ').slice(0, 23)}
            </time>
            <span className="rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700">{KIND_LABEL[e.kind]}</span>
            <span className="text-sm font-medium text-slate-900">{e.title}</span>
          </div>
          {e.detail && <p className="mt-1 break-words text-sm text-slate-700">{e.detail}</p>}
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
