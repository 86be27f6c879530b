import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { SubscriptionControls } from '@/components/billing/subscription-controls';
import { SpendCredits } from '@/components/billing/spend-credits';
import { Cell, Row, Table } from '@/components/ui/table';
import { GRACE_PERIOD_DAYS } from '@/lib/billing/access-policy';
import { getBillingOverview, paymentMethodConfirmedAt } from '@/lib/billing/account';
import { describeDiscounts, describePlanChange, formatDate, formatPrice, planFullName, trialTerms } from '@/lib/billing/format';
import { invoicePath } from '@/lib/billing/invoices';
import { isInTrial } from '@/lib/billing/trials';
import { intervalLabel, listActivePlans } from '@/lib/billing/plans';
import { labelOf } from '@/lib/labels';
import { isLiveSubscription, isRenewalFailed, type SubscriptionStatus } from '@/lib/billing/statuses';
import { planChangeOptions, previewPlanChange } from '@/lib/billing/subscription-management';
import { subscriptionSeats } from '@/lib/teams/workspaces';

export const dynamic = 'force-dynamic';

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

type SearchParams = Promise<{ change?: string; updated?: string }>;

export default async function BillingPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/billing');
  const { change, updated } = await searchParams;
  const overview = await getBillingOverview(user.id);
  const live = overview.subscriptions.filter(({ subscription }) => isLiveSubscription(subscription.status));
  // With nothing live, the newest ended subscription still says what ended and when.
  const shown = live.length ? live : overview.subscriptions.slice(0, 1);
  const sub = live[0]?.subscription;
  const otherPlans = sub ? await planChangeOptions(sub.planId) : [];
  const seats = sub && live[0].plan?.includedSeats ? await subscriptionSeats(sub.id) : null;
  // What the bought seats add to each renewal of the subscription they are on.
  const seatsCents = (subscriptionId: string) => (seats && subscriptionId === sub?.id ? seats.extra * seats.seatPriceCents : 0);
  // Arriving from the pricing page's "Change to …": Dodo's preview of that change, ready to confirm.
  const wanted = live.length === 1 && sub?.status === 'active' && otherPlans.find((p) => p.id === change);
  const preview = sub && wanted ? await previewPlanChange(user.id, sub.id, wanted.id) : null;
  // Back from Dodo's payment-method page: the redirect proves nothing, Dodo's webhook does.
  const methodConfirmedAt = updated === 'payment-method' ? await paymentMethodConfirmedAt(user.id) : null;
  const planNames = new Map((await listActivePlans()).map((p) => [p.id, planFullName(p)]));
  const grace = overview.entitlements.find((e) => e.status === 'grace');
  const disputed = overview.payments.some(({ payment }) => payment.disputeStatus && payment.disputeStatus !== 'dispute_won');
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <h1 className="text-2xl font-bold">Billing</h1>

      {live.some(({ subscription }) => isRenewalFailed(subscription.status)) && (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">Your last renewal payment failed. Fix your payment method to keep access.</p>
          <p className="mt-1 text-sm">
            {grace?.validUntil
              ? `You keep access until ${formatDate(grace.validUntil)} (a ${GRACE_PERIOD_DAYS}-day grace period).`
              : 'Access is paused until the payment goes through.'}{' '}
            Use “Update payment method” below.
          </p>
        </div>
      )}
      {updated === 'payment-method' && (
        <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900">
          {methodConfirmedAt
            ? 'Your payment method is updated: Dodo confirmed the new card. Future charges use it.'
            : 'Dodo has not confirmed your new payment method yet. Reload this page in a moment; nothing changes until it does.'}
        </p>
      )}
      {live.length > 1 && (
        <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">
          You have {live.length} subscriptions that overlap, and each one is billed. Keep one and cancel the others below.
        </div>
      )}
      {disputed && (
        <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900">
          A payment on this account is disputed. Access it paid for is suspended if the dispute is lost.
        </div>
      )}

      <section aria-labelledby="plan-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="plan-heading" className="text-lg font-semibold">{live.length > 1 ? 'Your subscriptions' : 'Current plan'}</h2>
        {shown.length === 0 && (
          <p className="mt-2 text-sm text-slate-600">
            No subscription. <Link className="text-indigo-700 underline" href="/pricing">See plans</Link>
          </p>
        )}
        {shown.map(({ subscription, plan }, index) => (
          <article
            key={subscription.id}
            aria-label={`Subscription ${plan ? planFullName(plan) : subscription.dodoProductId}`}
            className={index > 0 ? 'border-t border-slate-100 pt-4' : ''}
          >
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
              <dt className="text-slate-500">Plan</dt>
              <dd>{plan ? planFullName(plan) : subscription.dodoProductId}</dd>
              <dt className="text-slate-500">Status</dt>
              <dd data-testid="subscription-status">{isInTrial(subscription) ? 'Trial' : (STATUS_TEXT[subscription.status] ?? subscription.status)}</dd>
              {isInTrial(subscription) && !subscription.cancelAtPeriodEnd && (
                <>
                  <dt className="text-slate-500">Trial ends</dt>
                  <dd data-testid="trial-terms">{trialTerms(plan && { ...plan, priceCents: plan.priceCents + seatsCents(subscription.id) }, subscription.trialEndsAt!)}</dd>
                </>
              )}
              {subscription.nextBillingDate && subscription.status === 'active' && !(isInTrial(subscription) && !subscription.cancelAtPeriodEnd) && (
                <>
                  <dt className="text-slate-500">{subscription.cancelAtPeriodEnd ? 'Access ends' : 'Renews'}</dt>
                  <dd data-testid="period-end">
                    {formatDate(subscription.nextBillingDate)}
                    {!subscription.cancelAtPeriodEnd &&
                      plan &&
                      ` at ${formatPrice(plan.priceCents + seatsCents(subscription.id), plan.currency)} ${intervalLabel(plan)}`}
                    {!subscription.cancelAtPeriodEnd && seatsCents(subscription.id) > 0 && ` (with ${seats!.extra} extra seat${seats!.extra === 1 ? '' : 's'})`}
                  </dd>
                </>
              )}
              {seats && subscription.id === sub?.id && (
                <>
                  <dt className="text-slate-500">Seats</dt>
                  <dd data-testid="seats">
                    {seats.taken} used of {seats.paid} paid ({seats.included} included{seats.extra > 0 ? `, ${seats.extra} bought` : ''}) ·{' '}
                    <Link className="text-indigo-700 underline" href="/workspace">
                      Manage members and seats
                    </Link>
                  </dd>
                </>
              )}
              {subscription.cancelledAt && !isLiveSubscription(subscription.status) && (
                <>
                  <dt className="text-slate-500">Ended</dt>
                  <dd>{formatDate(subscription.cancelledAt)}</dd>
                </>
              )}
            </dl>
            <SubscriptionControls
              subscriptionId={subscription.id}
              planId={subscription.planId}
              status={subscription.status}
              cancelAtPeriodEnd={subscription.cancelAtPeriodEnd}
              otherPlans={
                live.length === 1
                  ? otherPlans.map((p) => ({ id: p.id, label: `${planFullName(p)} – ${formatPrice(p.priceCents, p.currency)} ${intervalLabel(p)}` }))
                  : []
              }
              initialPlanChange={
                preview?.ok ? { planId: preview.planId, planName: preview.planName, message: describePlanChange(preview), chargeNowCents: preview.chargeNowCents } : undefined
              }
            />
            {preview && !preview.ok && (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {preview.error}
              </p>
            )}
          </article>
        ))}
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
          !overview.ended.length && <p className="mt-2 text-sm text-slate-600">Nothing yet.</p>
        )}
        {overview.ended.length > 0 && (
          <ul aria-label="Ended access" className="mt-2 space-y-1 text-sm text-slate-600">
            {overview.ended.map((e) => (
              <li key={`${e.planId}-${e.endedAt.toISOString()}`}>
                {(e.planId && planNames.get(e.planId)) ?? 'A purchase'} ended on {formatDate(e.endedAt)}
                {e.reason && ` (${e.reason})`}
              </li>
            ))}
          </ul>
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
            <Table caption="Payment history" columns={['Date', 'What', 'Amount', 'Status', 'Invoice']}>
              {overview.payments.map(({ payment, plan, refundedCents }) => (
                <Row key={payment.id}>
                  <Cell>{formatDate(payment.createdAt)}</Cell>
                  <Cell>
                    {plan ? planFullName(plan) : 'Subscription charge'}
                    {payment.discounts.length > 0 && (
                      <span className="block text-xs text-emerald-800" data-testid="payment-discount">
                        Discount {describeDiscounts(payment.discounts, payment.currency)}
                      </span>
                    )}
                  </Cell>
                  <Cell>{formatPrice(payment.amountCents, payment.currency)}</Cell>
                  <Cell data-testid="payment-status">
                    {refundedCents >= payment.amountCents
                      ? `Refunded (${formatPrice(refundedCents, payment.currency)})`
                      : refundedCents > 0
                        ? `Partially refunded (${formatPrice(refundedCents, payment.currency)} of ${formatPrice(payment.amountCents, payment.currency)})`
                        : labelOf(payment.status)}
                    {payment.disputeStatus && ` (${labelOf(payment.disputeStatus)})`}
                  </Cell>
                  <Cell>
                    {payment.status === 'succeeded' && (
                      <a className="text-indigo-700 underline" href={invoicePath(payment.id)} aria-label={`Invoice for ${formatDate(payment.createdAt)} (PDF)`}>
                        PDF
                      </a>
                    )}
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
                {k.key} <span className="font-sans text-slate-500">({k.status === 'disabled' ? 'disabled: its access was revoked' : k.status})</span>
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
