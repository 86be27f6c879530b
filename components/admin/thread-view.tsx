// One thread: who and what, what Dodo says that we do not, and the timeline.
import { TextLink } from '@/components/ui/text-link';
import { formatPrice } from '@/lib/billing/format';
import { retryFromDodo } from '@/lib/ops/actions';
import type { DodoCheck } from '@/lib/ops/dodo-check';
import { buildTimeline, type Thread } from '@/lib/ops/timeline';
import { ActionForm } from '@/components/ui/action-form';
import { Cell, Row, Table } from '@/components/ui/table';
import { IdLink } from './id-link';
import { TimelineList } from './timeline-list';
import { labelOf } from '@/lib/labels';
import { StatusBadge } from '@/components/status-badge';

export function ThreadView({ thread, check }: { thread: Thread; check: DodoCheck }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="text-lg font-semibold">Now</h2>
        <p className="text-sm">
          Buyer: <strong className="break-all">{thread.user?.email ?? 'unknown'}</strong>
          {thread.user && <span className="ml-2 font-mono text-xs text-muted-foreground">{thread.user.id}</span>}
        </p>
        <Table caption="Orders, payments and subscriptions of this thread" columns={['What', 'Id', 'Status', 'Details']}>
          {thread.orders.map((o) => (
            <Row key={o.id}>
              <Cell>Order</Cell>
              <Cell><IdLink id={o.id} /></Cell>
              <Cell><StatusBadge status={o.status} /></Cell>
              <Cell>{thread.planNames[o.planId] ?? o.planId}, {formatPrice(o.amountCents, o.currency)}</Cell>
            </Row>
          ))}
          {thread.payments.map((p) => (
            <Row key={p.id}>
              <Cell>Payment</Cell>
              <Cell>
                <TextLink href={`/admin/payments/${p.id}`} className="break-all font-mono text-xs font-normal">
                  {p.id}
                </TextLink>
              </Cell>
              <Cell data-testid={`payment-status-${p.id}`}><StatusBadge status={p.status} /></Cell>
              <Cell>
                {formatPrice(p.amountCents, p.currency)}
                {p.refundedCents ? `, ${formatPrice(p.refundedCents, p.currency)} refunded` : ''}
                {p.disputeStatus ? `, ${p.disputeStatus}` : ''}
              </Cell>
            </Row>
          ))}
          {thread.subscriptions.map((s) => (
            <Row key={s.id}>
              <Cell>Subscription</Cell>
              <Cell><IdLink id={s.id} /></Cell>
              <Cell><StatusBadge status={s.status} /></Cell>
              <Cell>
                {s.planId ? (thread.planNames[s.planId] ?? s.planId) : s.dodoProductId}
                {s.nextBillingDate ? `, next billing ${s.nextBillingDate.toISOString().slice(0, 10)}` : ''}
                {s.cancelAtPeriodEnd ? ', cancels at period end' : ''}
              </Cell>
            </Row>
          ))}
        </Table>
      </section>

      <section aria-labelledby="dodo-heading" className="space-y-3">
        <h2 id="dodo-heading" className="text-lg font-semibold">Compared with Dodo</h2>
        {check.error ? (
          <p role="alert" className="text-sm text-destructive">{check.error}</p>
        ) : check.discrepancies.length === 0 ? (
          <p className="text-sm text-muted-foreground">Dodo agrees with what we store.</p>
        ) : (
          <ul aria-label="Missed by our webhooks" className="space-y-2">
            {check.discrepancies.map((d) => (
              <li key={d.id} className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
                <p>
                  Missed webhook: Dodo has {labelOf(d.kind)} <span className="break-all font-mono text-xs">{d.id}</span>{' '}
                  <strong>{d.dodoStatus}</strong>;{' '}
                  {d.storedStatus ? <>we store it as <strong>{d.storedStatus}</strong>.</> : 'we have not stored it.'}
                </p>
                <ActionForm
                  action={retryFromDodo}
                  fields={{ kind: d.kind, id: d.id }}
                  label="Retry"
                  ariaLabel={`Retry ${labelOf(d.kind)} ${d.id}`}
                  pendingLabel="Retrying…"
                  className="mt-2"
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-lg font-semibold">Timeline</h2>
        <TimelineList entries={buildTimeline(thread)} />
      </section>
    </div>
  );
}
