import type { Metadata } from 'next';
import Link from 'next/link';
import { BuyButton } from '@/components/billing/buy-button';
import { CheckoutWarmUp } from '@/components/billing/checkout-warm-up';
import { PlanCard } from '@/components/billing/plan-card';
import { Faq } from '@/components/marketing/faq';
import { Button } from '@/components/ui/button';
import { SegmentedNav } from '@/components/ui/segmented-nav';
import { currentPlanIds } from '@/lib/billing/account';
import { checkoutOrigin, prepareCheckoutFor } from '@/lib/billing/checkout';
import { BILLING_FAQ } from '@/lib/billing/faq';
import { planFullName } from '@/lib/billing/format';
import { liveSubscriptionsOnLine, productLineOf } from '@/lib/billing/plan-rules';
import { listActivePlans } from '@/lib/billing/plans';
import { getCurrentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Pricing' };

type SearchParams = Promise<{ interval?: string; plan?: string; checkout?: string }>;

/** How the checkout opens. Customers get the overlay; `?checkout=inline|hosted` picks another for QA and tests. */
const CHECKOUT_STYLES = ['overlay', 'inline', 'hosted'] as const;

export default async function PricingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const interval = params.interval === 'year' ? 'year' : 'month';
  const checkout = CHECKOUT_STYLES.find((s) => s === params.checkout) ?? 'overlay';
  const [plans, user] = await Promise.all([listActivePlans(), getCurrentUser()]);
  if (user) prepareCheckoutFor(user);
  const [owned, liveOnLine] = user
    ? await Promise.all([currentPlanIds(user.id), liveSubscriptionsOnLine(user.id, 'subscription')])
    : [new Set<string>(), []];
  // A subscriber moves within the line by a plan change (with Dodo's preview), never a second purchase.
  const changeable = liveOnLine.length === 1 && liveOnLine[0].subscription.status === 'active';
  const shown = plans.filter((p) => p.kind !== 'subscription' || p.interval === interval);
  // The checkout style only travels in the URL when it is not the default, so customers never see it.
  const query = (change: Record<string, string>) =>
    `/pricing?${new URLSearchParams({ interval, ...(checkout === 'overlay' ? {} : { checkout }), ...change })}`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-12">
      {user?.emailVerified && <CheckoutWarmUp checkoutOrigin={checkoutOrigin()} />}
      <div className="text-center">
        <h1 className="text-4xl font-bold tracking-tight">Pricing</h1>
        <p className="mx-auto mt-3 max-w-xl text-muted-foreground">Pick a plan, or pay once. Yearly plans save two months.</p>
        <SegmentedNav
          label="Billing period"
          className="mt-6"
          items={(['month', 'year'] as const).map((i) => ({ href: query({ interval: i }), label: i === 'month' ? 'Monthly' : 'Yearly', current: interval === i }))}
        />
      </div>

      <ul aria-label="Plans" className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {shown.map((plan) => {
          const isCurrent = owned.has(plan.id);
          const label = `Buy ${plan.name}${plan.interval ? ` ${plan.interval === 'year' ? 'yearly' : 'monthly'}` : ''}`;
          const onHeldLine = liveOnLine.length > 0 && productLineOf(plan) !== null;
          return (
            <PlanCard key={plan.id} plan={plan} current={isCurrent} highlighted={params.plan === plan.id} headingLevel="h2">
              {!user ? (
                <Button asChild variant="outline" className="w-full">
                  <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: query({ plan: plan.id }) })}`}>Sign in to buy {plan.name}</Link>
                </Button>
              ) : onHeldLine && (isCurrent || !changeable) ? (
                <Button asChild variant="outline" className="w-full">
                  <Link href="/billing">Manage on the billing page</Link>
                </Button>
              ) : onHeldLine ? (
                <Button asChild variant="outline" className="w-full">
                  <Link href={`/billing?${new URLSearchParams({ change: plan.id })}#change-plan`}>Change to {planFullName(plan)}</Link>
                </Button>
              ) : checkout === 'inline' ? (
                <Button asChild className="w-full">
                  <Link href={`/checkout/${plan.id}`}>{label}</Link>
                </Button>
              ) : (
                <BuyButton planId={plan.id} label={label} display={checkout} />
              )}
            </PlanCard>
          );
        })}
      </ul>

      <section aria-labelledby="faq-heading" className="mx-auto mt-20 max-w-3xl">
        <h2 id="faq-heading" className="text-center text-2xl font-bold tracking-tight">
          Questions
        </h2>
        <div className="mt-8">
          <Faq headingId="faq-heading" items={[...BILLING_FAQ]} />
        </div>
      </section>
    </main>
  );
}
