import { ActionForm } from '@/components/ui/action-form';
import { IdLink } from '@/components/admin/id-link';
import { SearchForm } from '@/components/admin/search-form';
import { listFulfilments } from '@/lib/jobs/queries';
import { requireAdmin } from '@/lib/ops/admin';
import { reconcileNow, retryFromDodo, retryJob } from '@/lib/ops/actions';
import { listReconciliationRuns, objectKindOfEvent } from '@/lib/ops/reconcile';
import { searchOperations } from '@/lib/ops/search';
import { listFailedWebhooks, listRejectedWebhooks } from '@/lib/ops/webhook-failures';
import { labelOf } from '@/lib/labels';

export const dynamic = 'force-dynamic';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
const th = 'py-1 pr-4 font-medium';
const td = 'py-1.5 pr-4 align-top';

export default async function AdminConsolePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireAdmin();
  const q = String((await searchParams).q ?? '').trim();
  const [hits, failedWebhooks, rejected, failedJobs, runs] = await Promise.all([
    q ? searchOperations(q) : Promise.resolve(null),
    listFailedWebhooks(),
    listRejectedWebhooks(),
    listFulfilments({ status: ['failed', 'dead'], limit: 50 }),
    listReconciliationRuns(),
  ]);

  return (
    <main className="space-y-8">
      <h1 className="text-2xl font-bold">Operations console</h1>

      <section aria-labelledby="search-heading" className="space-y-3">
        <h2 id="search-heading" className="text-lg font-semibold">Find a payment</h2>
        <SearchForm query={q} />
        {hits && (
          <div className="overflow-x-auto">
            {hits.length === 0 ? (
              <p role="status" className="text-sm text-slate-700">Nothing matches “{q}”.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Search results for {q}</caption>
                <thead>
                  <tr className="text-slate-600">
                    <th scope="col" className={th}>What</th>
                    <th scope="col" className={th}>Id (opens the timeline)</th>
                    <th scope="col" className={th}>Summary</th>
                    <th scope="col" className={th}>Buyer</th>
                    <th scope="col" className={th}>When</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr key={`${h.kind}:${h.id}`} className="border-t border-slate-100">
                      <td className={td}>{h.kind}</td>
                      <td className={td}><IdLink id={h.traceId} /></td>
                      <td className={td}>{h.summary}</td>
                      <td className={`${td} break-all`}>{h.email ?? '—'}</td>
                      <td className={`${td} whitespace-nowrap`}>{when(h.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="webhooks-heading" className="space-y-3">
        <h2 id="webhooks-heading" className="text-lg font-semibold">Failed webhooks</h2>
        <p className="text-sm text-slate-600">
          Deliveries we answered with an error and that never reached the inbox since. Dodo retries them for about a day;
          Retry applies Dodo’s current object now, through the same code as the webhook.
        </p>
        {failedWebhooks.length === 0 ? (
          <p className="text-sm text-slate-700">None.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Failed webhooks</caption>
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className={th}>Webhook</th>
                  <th scope="col" className={th}>Event</th>
                  <th scope="col" className={th}>Object</th>
                  <th scope="col" className={th}>Last error</th>
                  <th scope="col" className={th}>Deliveries</th>
                  <th scope="col" className={th}>Action</th>
                </tr>
              </thead>
              <tbody>
                {failedWebhooks.map((w) => {
                  const kind = objectKindOfEvent(w.eventType);
                  return (
                    <tr key={w.webhookId ?? w.lastAt.toISOString()} className="border-t border-slate-100">
                      <td className={td}>{w.webhookId ? <IdLink id={w.webhookId} /> : '—'}</td>
                      <td className={td}>{w.eventType ?? '—'}</td>
                      <td className={td}>{w.objectId ? <IdLink id={w.objectId} /> : '—'}</td>
                      <td className={`${td} break-words`}>HTTP {w.statusCode}: {w.error}</td>
                      <td className={td}>{w.attempts}, last {when(w.lastAt)}</td>
                      <td className={td}>
                        {kind && w.objectId ? (
                          <ActionForm
                            action={retryFromDodo}
                            fields={{ kind, id: w.objectId, ...(w.webhookId ? { webhookId: w.webhookId } : {}) }}
                            label="Retry"
                            ariaLabel={`Retry webhook ${w.webhookId ?? w.objectId}`}
                            pendingLabel="Retrying…"
                          />
                        ) : (
                          'Wait for Dodo’s retry'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {rejected.length > 0 && (
          <details className="text-sm">
            <summary className="cursor-pointer text-indigo-700">Rejected deliveries ({rejected.length}): bad signature or unreadable payload</summary>
            <ul className="mt-2 space-y-1">
              {rejected.map((d) => (
                <li key={d.seq} className="break-words">
                  {when(d.receivedAt)} · HTTP {d.statusCode} · signature {d.signature} · {d.webhookId ?? 'no webhook-id'} · {d.error}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="jobs-heading" className="space-y-3">
        <h2 id="jobs-heading" className="text-lg font-semibold">Failed and dead jobs</h2>
        {failedJobs.length === 0 ? (
          <p className="text-sm text-slate-700">None.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Failed and dead jobs</caption>
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className={th}>Job</th>
                  <th scope="col" className={th}>Kind</th>
                  <th scope="col" className={th}>Subject</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>Last error</th>
                  <th scope="col" className={th}>Action</th>
                </tr>
              </thead>
              <tbody>
                {failedJobs.map((j) => (
                  <tr key={j.id} className="border-t border-slate-100">
                    <td className={`${td} font-mono text-xs`}>{j.id}</td>
                    <td className={td}>{j.kind}</td>
                    <td className={td}><IdLink id={j.subjectId} /></td>
                    <td className={td}>{j.status}, {j.attempts} of {j.maxAttempts} attempts</td>
                    <td className={`${td} break-words`}>{j.lastError ?? '—'}</td>
                    <td className={td}>
                      <ActionForm action={retryJob} fields={{ id: j.id }} label="Retry" ariaLabel={`Retry job ${j.kind} ${j.id}`} pendingLabel="Retrying…" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="reconcile-heading" className="space-y-3">
        <h2 id="reconcile-heading" className="text-lg font-semibold">Reconciliation</h2>
        <p className="text-sm text-slate-600">
          Lists Dodo’s payments, subscriptions, refunds and licence keys of the last three days and applies any we missed
          (not stored, or stored in another state). It also runs on a schedule.
        </p>
        <ActionForm action={reconcileNow} label="Reconcile now" pendingLabel="Reconciling…" variant="primary" />
        {runs.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Recent reconciliation runs</caption>
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className={th}>Started</th>
                  <th scope="col" className={th}>Trigger</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>Checked</th>
                  <th scope="col" className={th}>Repaired</th>
                  <th scope="col" className={th}>Errors</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className={`${td} whitespace-nowrap`}>{when(r.startedAt)}</td>
                    <td className={td}>{r.trigger}{r.actor ? ` by ${r.actor}` : ''}</td>
                    <td className={td}>{r.status}{r.error ? `: ${r.error}` : ''}</td>
                    <td className={td}>{Object.entries(r.checked).map(([k, n]) => `${n} ${labelOf(k)}`).join(', ') || '—'}</td>
                    <td className={td}>{r.repaired}</td>
                    <td className={td}>{r.errors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
