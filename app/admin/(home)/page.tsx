import { ActionForm } from '@/components/ui/action-form';
import { IdLink } from '@/components/admin/id-link';
import { Cell, Row, Table } from '@/components/ui/table';
import { SearchForm } from '@/components/admin/search-form';
import { listFulfilments } from '@/lib/jobs/queries';
import { requireAdmin } from '@/lib/ops/admin';
import { reconcileNow, retryFromDodo, retryJob } from '@/lib/ops/actions';
import { listReconciliationRuns, objectKindOfEvent } from '@/lib/ops/reconcile';
import { searchOperations } from '@/lib/ops/search';
import { countSignatureRejections, listFailedWebhooks, listRejectedWebhooks, listUnattributedEvents } from '@/lib/ops/webhook-failures';
import { labelOf } from '@/lib/labels';
import { StatusBadge } from '@/components/status-badge';

export const dynamic = 'force-dynamic';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

export default async function AdminConsolePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireAdmin();
  const q = String((await searchParams).q ?? '').trim();
  const [hits, failedWebhooks, rejected, signatureRejections, unattributed, failedJobs, runs] = await Promise.all([
    q ? searchOperations(q) : Promise.resolve(null),
    listFailedWebhooks(),
    listRejectedWebhooks(),
    countSignatureRejections(),
    listUnattributedEvents(),
    listFulfilments({ status: ['failed', 'dead'], limit: 50 }),
    listReconciliationRuns(),
  ]);

  return (
    <main className="space-y-8">
      <h1 className="text-2xl font-bold tracking-tight">Operations console</h1>

      <section aria-labelledby="search-heading" className="space-y-3">
        <h2 id="search-heading" className="text-lg font-semibold">Find a payment</h2>
        <SearchForm query={q} />
        {hits && (
          <div>
            {hits.length === 0 ? (
              <p role="status" className="text-sm text-muted-foreground">Nothing matches “{q}”.</p>
            ) : (
              <Table caption={`Search results for ${q}`} columns={['What', 'Id (opens the timeline)', 'Summary', 'Buyer', 'When']}>
                {hits.map((h) => (
                  <Row key={`${h.kind}:${h.id}`}>
                    <Cell>{h.kind}</Cell>
                    <Cell><IdLink id={h.traceId} /></Cell>
                    <Cell>{h.summary}</Cell>
                    <Cell className="break-all">{h.email ?? '—'}</Cell>
                    <Cell className="whitespace-nowrap">{when(h.at)}</Cell>
                  </Row>
                ))}
              </Table>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="webhooks-heading" className="space-y-3">
        <h2 id="webhooks-heading" className="text-lg font-semibold">Failed webhooks</h2>
        <p className="text-sm text-muted-foreground">
          Deliveries we answered with an error and that never reached the inbox since. Dodo retries them for about a day;
          Retry applies Dodo’s current object now, through the same code as the webhook.
        </p>
        {failedWebhooks.length === 0 ? (
          <p className="text-sm text-muted-foreground">None.</p>
        ) : (
          <Table caption="Failed webhooks" columns={['Webhook', 'Event', 'Object', 'Last error', 'Deliveries', 'Action']}>
            {failedWebhooks.map((w) => {
              const kind = objectKindOfEvent(w.eventType);
              return (
                <Row key={w.webhookId ?? w.lastAt.toISOString()}>
                  <Cell>{w.webhookId ? <IdLink id={w.webhookId} /> : '—'}</Cell>
                  <Cell>{w.eventType ?? '—'}</Cell>
                  <Cell>{w.objectId ? <IdLink id={w.objectId} /> : '—'}</Cell>
                  <Cell className="break-words">HTTP {w.statusCode}: {w.error}</Cell>
                  <Cell>{w.attempts}, last {when(w.lastAt)}</Cell>
                  <Cell>
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
                  </Cell>
                </Row>
              );
            })}
          </Table>
        )}
        {signatureRejections.length > 0 && (
          <p className="text-sm text-muted-foreground">
            Refused for their signature in the last 24 hours:{' '}
            {signatureRejections.map((r) => `${r.count} (${r.reason})`).join(', ')}. The first few each hour are listed below; the rest are only counted.
          </p>
        )}
        {rejected.length > 0 && (
          <details className="text-sm">
            <summary className="cursor-pointer text-primary">Rejected deliveries ({rejected.length}): bad signature or unreadable payload</summary>
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

      <section aria-labelledby="unattributed-heading" className="space-y-3">
        <h2 id="unattributed-heading" className="text-lg font-semibold">Unattributed events</h2>
        <p className="text-sm text-muted-foreground">
          Events that carry neither our order id nor our user id, so no account could be found for them: they are stored and
          grant nothing. The customer email is Dodo’s, and is never used to attribute; open the timeline to decide (a refund may be due).
        </p>
        {unattributed.length === 0 ? (
          <p className="text-sm text-muted-foreground">None.</p>
        ) : (
          <Table caption="Unattributed events" columns={['Received', 'Event', 'Object (opens the timeline)', 'Customer email at Dodo']}>
            {unattributed.map((e) => (
              <Row key={e.webhookId}>
                <Cell className="whitespace-nowrap">{when(e.receivedAt)}</Cell>
                <Cell>{e.type}</Cell>
                <Cell>{e.objectId ? <IdLink id={e.objectId} /> : <IdLink id={e.webhookId} />}</Cell>
                <Cell className="break-all">{e.customerEmail ?? '—'}</Cell>
              </Row>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby="jobs-heading" className="space-y-3">
        <h2 id="jobs-heading" className="text-lg font-semibold">Failed and dead jobs</h2>
        {failedJobs.length === 0 ? (
          <p className="text-sm text-muted-foreground">None.</p>
        ) : (
          <Table caption="Failed and dead jobs" columns={['Job', 'Kind', 'Subject', 'Status', 'Last error', 'Action']}>
            {failedJobs.map((j) => (
              <Row key={j.id}>
                <Cell className="font-mono text-xs">{j.id}</Cell>
                <Cell>{j.kind}</Cell>
                <Cell><IdLink id={j.subjectId} /></Cell>
                <Cell><StatusBadge status={j.status} /> {j.attempts} of {j.maxAttempts} attempts</Cell>
                <Cell className="break-words">{j.lastError ?? '—'}</Cell>
                <Cell>
                  <ActionForm action={retryJob} fields={{ id: j.id }} label="Retry" ariaLabel={`Retry job ${j.kind} ${j.id}`} pendingLabel="Retrying…" />
                </Cell>
              </Row>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby="reconcile-heading" className="space-y-3">
        <h2 id="reconcile-heading" className="text-lg font-semibold">Reconciliation</h2>
        <p className="text-sm text-muted-foreground">
          Lists Dodo’s payments, subscriptions, refunds and licence keys of the last three days and applies any we missed
          (not stored, or stored in another state). It also runs on a schedule.
        </p>
        <ActionForm action={reconcileNow} label="Reconcile now" pendingLabel="Reconciling…" variant="default" />
        {runs.length > 0 && (
          <Table caption="Recent reconciliation runs" columns={['Started', 'Trigger', 'Status', 'Checked', 'Repaired', 'Errors']}>
            {runs.map((r) => (
              <Row key={r.id}>
                <Cell className="whitespace-nowrap">{when(r.startedAt)}</Cell>
                <Cell>{r.trigger}{r.actor ? ` by ${r.actor}` : ''}</Cell>
                <Cell>{r.status}{r.error ? `: ${r.error}` : ''}</Cell>
                <Cell>{Object.entries(r.checked).map(([k, n]) => `${n} ${labelOf(k)}`).join(', ') || '—'}</Cell>
                <Cell>{r.repaired}</Cell>
                <Cell>{r.errors}</Cell>
              </Row>
            ))}
          </Table>
        )}
      </section>
    </main>
  );
}
