import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import type { Metadata } from 'next';
import { CreditCard, KeyRound, Receipt } from 'lucide-react';
import { SpendCredits } from '@/components/billing/spend-credits';
import { SubscriptionControls } from '@/components/billing/subscription-controls';
import { StatusBadge } from '@/components/status-badge';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Cell, Row, Table } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { requireUser } from '@/lib/auth/session';
import { GRACE_PERIOD_DAYS } from '@/lib/billing/access-policy';
import { getBillingOverview, paymentMethodConfirmedAt } from '@/lib/billing/account';
import { describeDiscounts, describePlanChange, formatDate, formatPrice, planFullName, trialTerms } from '@/lib/billing/format';
import { invoicePath } from '@/lib/billing/invoices';
import { isInTrial } from '@/lib/billing/trials';
import { intervalLabel, listActivePlans } from '@/lib/billing/plans';
import { entitlementLabel, labelOf } from '@/lib/labels';
import { isLiveSubscription, isRenewalFailed, type SubscriptionStatus } from '@/lib/billing/statuses';
import { planChangeOptions, previewPlanChange } from '@/lib/billing/subscription-management';
import { extraSeatsCents, subscriptionSeats } from '@/lib/teams/workspaces';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Billing' };

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
  const seatsCents = (subscriptionId: string) => (subscriptionId === sub?.id ? extraSeatsCents(seats) : 0);
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
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Billing</h1>
        <p className="mt-1 text-muted-foreground">Your plan, access, payments and licence keys.</p>
      </div>

      {live.some(({ subscription }) => isRenewalFailed(subscription.status)) && (
        <Alert role="alert" variant="destructive">
          <AlertTitle>Your last renewal payment failed. Fix your payment method to keep access.</AlertTitle>
          <AlertDescription>
            {grace?.validUntil
              ? `You keep access until ${formatDate(grace.validUntil)} (a ${GRACE_PERIOD_DAYS}-day grace period).`
              : 'Access is paused until the payment goes through.'}{' '}
            Use “Update payment method” below.
          </AlertDescription>
        </Alert>
      )}
      {updated === 'payment-method' && (
        <Alert role="status" variant={methodConfirmedAt ? 'success' : 'warning'}>
          {methodConfirmedAt
            ? 'Your payment method is updated: Dodo confirmed the new card. Future charges use it.'
            : 'Dodo has not confirmed your new payment method yet. Reload this page in a moment; nothing changes until it does.'}
        </Alert>
      )}
      {live.length > 1 && (
        <Alert role="alert" variant="warning">
          You have {live.length} subscriptions that overlap, and each one is billed. Keep one and cancel the others below.
        </Alert>
      )}
      {disputed && (
        <Alert role="alert" variant="warning">
          A payment on this account is disputed. Access it paid for is suspended if the dispute is lost.
        </Alert>
      )}

      <Card as="section" aria-labelledby="plan-heading" className="space-y-4">
        <CardTitle id="plan-heading">{live.length > 1 ? 'Your subscriptions' : 'Current plan'}</CardTitle>
        {shown.length === 0 && (
          <EmptyState
            icon={<CreditCard aria-hidden />}
            title="No subscription"
            action={
              <Button asChild>
                <Link href="/pricing">See plans</Link>
              </Button>
            }
          >
            Pro and Team unlock the Pro dashboard; the licence and credits are one-time purchases.
          </EmptyState>
        )}
        {shown.map(({ subscription, plan }, index) => (
          <article
            key={subscription.id}
            aria-label={`Subscription ${plan ? planFullName(plan) : subscription.dodoProductId}`}
            className={index > 0 ? 'border-t pt-4' : undefined}
          >
            <DescriptionList>
              <dt>Plan</dt>
              <dd>{plan ? planFullName(plan) : subscription.dodoProductId}</dd>
              <dt>Status</dt>
              <dd>
                <StatusBadge
                  status={isInTrial(subscription) ? 'trialing' : subscription.status}
                  label={isInTrial(subscription) ? 'Trial' : (STATUS_TEXT[subscription.status] ?? subscription.status)}
                  data-testid="subscription-status"
                />
              </dd>
              {isInTrial(subscription) && !subscription.cancelAtPeriodEnd && (
                <>
                  <dt>Trial ends</dt>
                  <dd data-testid="trial-terms">{trialTerms(plan && { ...plan, priceCents: plan.priceCents + seatsCents(subscription.id) }, subscription.trialEndsAt!)}</dd>
                </>
              )}
              {subscription.nextBillingDate && subscription.status === 'active' && !(isInTrial(subscription) && !subscription.cancelAtPeriodEnd) && (
                <>
                  <dt>{subscription.cancelAtPeriodEnd ? 'Access ends' : 'Renews'}</dt>
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
                  <dt>Seats</dt>
                  <dd data-testid="seats">
                    {seats.taken} used of {seats.paid} paid ({seats.included} included{seats.extra > 0 ? `, ${seats.extra} bought` : ''}) ·{' '}
                    <TextLink href="/workspace">Manage members and seats</TextLink>
                  </dd>
                </>
              )}
              {subscription.cancelledAt && !isLiveSubscription(subscription.status) && (
                <>
                  <dt>Ended</dt>
                  <dd>{formatDate(subscription.cancelledAt)}</dd>
                </>
              )}
            </DescriptionList>
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
              <Alert role="alert" variant="destructive" className="mt-2">
                {preview.error}
              </Alert>
            )}
          </article>
        ))}
      </Card>

      <Card as="section" aria-labelledby="access-heading">
        <CardTitle id="access-heading">Access</CardTitle>
        {overview.entitlements.length ? (
          <ul aria-label="Entitlements" className="mt-2 flex flex-wrap gap-2">
            {overview.entitlements.map((e) => (
              <li key={e.key}>
                <StatusBadge status={e.status} label={`${entitlementLabel(e.key)}${e.status === 'grace' ? ' (grace period)' : ''}`} />
              </li>
            ))}
          </ul>
        ) : (
          !overview.ended.length && <p className="mt-2 text-sm text-muted-foreground">Nothing yet: access appears here once a payment is confirmed.</p>
        )}
        {overview.ended.length > 0 && (
          <ul aria-label="Ended access" className="mt-2 space-y-1 text-sm text-muted-foreground">
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
      </Card>

      <Card as="section" aria-labelledby="payments-heading">
        <CardTitle id="payments-heading">Payment history</CardTitle>
        {overview.payments.length ? (
          <div className="mt-3">
            <Table caption="Payment history" columns={['Date', 'What', 'Amount', 'Status', 'Invoice']}>
              {overview.payments.map(({ payment, plan, refundedCents }) => (
                <Row key={payment.id}>
                  <Cell>{formatDate(payment.createdAt)}</Cell>
                  <Cell>
                    {plan ? planFullName(plan) : 'Subscription charge'}
                    {payment.discounts.length > 0 && (
                      <span className="block text-xs text-success" data-testid="payment-discount">
                        Discount {describeDiscounts(payment.discounts, payment.currency)}
                      </span>
                    )}
                  </Cell>
                  <Cell>{formatPrice(payment.amountCents, payment.currency)}</Cell>
                  <Cell>
                    <StatusBadge
                      data-testid="payment-status"
                      status={refundedCents > 0 ? 'refunded' : (payment.disputeStatus ?? payment.status)}
                      label={`${
                        refundedCents >= payment.amountCents
                          ? `Refunded (${formatPrice(refundedCents, payment.currency)})`
                          : refundedCents > 0
                            ? `Partially refunded (${formatPrice(refundedCents, payment.currency)} of ${formatPrice(payment.amountCents, payment.currency)})`
                            : labelOf(payment.status)
                      }${payment.disputeStatus ? ` (${labelOf(payment.disputeStatus)})` : ''}`}
                    />
                  </Cell>
                  <Cell>
                    {payment.status === 'succeeded' && (
                      <TextLink asChild>
                        <a href={invoicePath(payment.id)} aria-label={`Invoice for ${formatDate(payment.createdAt)} (PDF)`}>
                          PDF
                        </a>
                      </TextLink>
                    )}
                  </Cell>
                </Row>
              ))}
            </Table>
          </div>
        ) : (
          <EmptyState className="mt-3" icon={<Receipt aria-hidden />} title="No payments yet">
            Each payment appears here with its invoice; receipts are emailed as well.
          </EmptyState>
        )}
      </Card>

      <Card as="section" aria-labelledby="keys-heading">
        <CardTitle id="keys-heading">Licence keys</CardTitle>
        {overview.licenseKeys.length ? (
          <ul className="mt-2 space-y-2 text-sm">
            {overview.licenseKeys.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-2">
                <code className="break-all font-mono">{k.key}</code>
                <StatusBadge status={k.status} label={k.status === 'disabled' ? 'disabled: its access was revoked' : undefined} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState className="mt-3" icon={<KeyRound aria-hidden />} title="No licence keys">
            The Lifetime licence comes with a key, shown here and on the licence page.
          </EmptyState>
        )}
      </Card>
    </main>
  );
}
