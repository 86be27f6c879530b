import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { SubscriptionControls } from '@/components/billing/subscription-controls';
import { SpendCredits } from '@/components/billing/spend-credits';
import { Cell, Row, Table } from '@/components/ui/table';
import { GRACE_PERIOD_DAYS } from '@/lib/billing/access-policy';
import { getBillingOverview } from '@/lib/billing/account';
import { formatPrice } from '@/lib/billing/format';
import { isRenewalFailed, type SubscriptionStatus } from '@/lib/billing/statuses';
import { planChangeOptions } from '@/lib/billing/subscription-management';
import { subscriptionSeats } from '@/lib/teams/workspaces';

export const dynamic = 'force-dynamic';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

const STATUS_TEXT: Record<SubscriptionStatus, string> = {
  active: 'Active',
  on_hold: 'On hold: the last renewal failed',
  past_due: 'Past due',
  cancelled: 'Cancelled',
  expired: 'Expired',
  paused: 'Paused',
  pending: 'Pending',
  failed: 'Failed',
};

export default async function BillingPage() {
  const user = await requireUser('/billing');
  const overview = await getBillingOverview(user.id);
  const current = overview.subscriptions[0];
  const sub = current?.subscription;
  const otherPlans = sub ? await planChangeOptions(sub.planId) : [];
  const seats = sub && current.plan?.includedSeats ? await subscriptionSeats(sub.id) : null;
  const grace = overview.entitlements.find((e) => e.status === 'grace');
  const disputed = overview.payments.some(({ payment }) => payment.disputeStatus && payment.disputeStatus !== 'dispute_won');
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <h1 className="text-2xl font-bold">Billing</h1>

      {sub && isRenewalFailed(sub.status) && (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">Your last renewal payment failed. Fix your payment method to keep access.</p>
          <p className="mt-1 text-sm">
            {grace?.validUntil
              ? `You keep access until ${dateFormat.format(grace.validUntil)} (a ${GRACE_PERIOD_DAYS}-day grace period).`
              : 'Access is paused until the payment goes through.'}{' '}
            Use “Update payment method” below.
          </p>
        </div>
      )}
      {disputed && (
        <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">
          A payment on this account is disputed. Access it paid for is suspended if the dispute is lost.
        </div>
      )}

      <section aria-labelledby="plan-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="plan-heading" className="text-lg font-semibold">Current plan</h2>
        {current ? (
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-500">Plan</dt>
            <dd>{current.plan ? `${current.plan.name} (${current.plan.interval === 'year' ? 'yearly' : 'monthly'})` : current.subscription.dodoProductId}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd data-testid="subscription-status">{STATUS_TEXT[current.subscription.status] ?? current.subscription.status}</dd>
            {current.subscription.nextBillingDate && current.subscription.status === 'active' && (
              <>
                <dt className="text-slate-500">{current.subscription.cancelAtPeriodEnd ? 'Access ends' : 'Renews'}</dt>
                <dd data-testid="period-end">{dateFormat.format(current.subscription.nextBillingDate)}</dd>
              </>
            )}
            {seats && (
              <>
                <dt className="text-slate-500">Seats</dt>
                <dd data-testid="seats">
                  {seats.taken} of {seats.included} taken (members and open invitations) ·{' '}
                  <Link className="text-indigo-700 underline" href="/workspace">
                    Manage members
                  </Link>
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            No subscription. <Link className="text-indigo-700 underline" href="/pricing">See plans</Link>
          </p>
        )}
        {sub && (
          <SubscriptionControls
            subscriptionId={sub.id}
            planId={sub.planId}
            status={sub.status}
            cancelAtPeriodEnd={sub.cancelAtPeriodEnd}
            otherPlans={otherPlans.map((p) => ({ id: p.id, label: `${p.name} (${p.interval === 'year' ? 'yearly' : 'monthly'}) – ${formatPrice(p.priceCents, p.currency)}` }))}
          />
        )}
      </section>

      <section aria-labelledby="access-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="access-heading" className="text-lg font-semibold">Access</h2>
        {overview.entitlements.length ? (
          <ul aria-label="Entitlements" className="mt-2 flex flex-wrap gap-2">
            {overview.entitlements.map((e) => (
              <li key={e.key} className="rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-900">
                {e.key}
                {e.status === 'grace' ? ' (grace period)' : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Nothing yet.</p>
        )}
        <p className="mt-4 text-sm">
          Credits: <strong data-testid="credit-balance">{overview.credits.toLocaleString('en-US')}</strong>
        </p>
        {overview.credits > 0 && <SpendCredits idempotencyKey={randomUUID()} />}
      </section>

      <section aria-labelledby="payments-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="payments-heading" className="text-lg font-semibold">Payment history</h2>
        {overview.payments.length ? (
          <div className="mt-3">
            <Table caption="Payment history" columns={['Date', 'What', 'Amount', 'Status']}>
              {overview.payments.map(({ payment, planName }) => (
                <Row key={payment.id}>
                  <Cell>{dateFormat.format(payment.createdAt)}</Cell>
                  <Cell>{planName ?? 'Subscription renewal'}</Cell>
                  <Cell>{formatPrice(payment.amountCents, payment.currency)}</Cell>
                  <Cell>
                    {payment.status}
                    {payment.refundedCents > 0 && ` (refunded ${formatPrice(payment.refundedCents, payment.currency)})`}
                    {payment.disputeStatus && ` (${payment.disputeStatus.replace('dispute_', 'dispute ')})`}
                  </Cell>
                </Row>
              ))}
            </Table>
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No payments yet.</p>
        )}
      </section>

      <section aria-labelledby="keys-heading" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="keys-heading" className="text-lg font-semibold">Licence keys</h2>
        {overview.licenseKeys.length ? (
          <ul className="mt-2 space-y-1 font-mono text-sm">
            {overview.licenseKeys.map((k) => (
              <li key={k.id}>
                {k.key} <span className="font-sans text-slate-500">({k.status})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">None.</p>
        )}
      </section>
    </main>
  );
}
