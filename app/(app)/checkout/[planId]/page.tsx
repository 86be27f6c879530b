import { notFound } from 'next/navigation';
import { InlineCheckout } from '@/components/billing/inline-checkout';
import { requireUser } from '@/lib/auth/session';
import { formatPrice } from '@/lib/billing/format';
import { findActivePlan, intervalLabel } from '@/lib/billing/plans';
import { Card } from '@/components/ui/card';

export const dynamic = 'force-dynamic';

/** Inline checkout: the plan summary beside the payment form. */
export default async function InlineCheckoutPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  await requireUser(`/checkout/${planId}`);
  const plan = await findActivePlan(planId);
  if (!plan) notFound();
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-10 md:grid-cols-[1fr_1.4fr]">
      <Card as="section" aria-label="Order summary">
        <h1 className="text-2xl font-bold">{plan.name}</h1>
        <p className="mt-1 text-muted-foreground">{plan.description}</p>
        <p className="mt-4 text-3xl font-bold">
          {formatPrice(plan.priceCents, plan.currency)} <span className="text-base font-normal text-muted-foreground">{intervalLabel(plan)}</span>
        </p>
        {plan.trialDays > 0 && <p className="mt-2 text-sm text-success">{plan.trialDays}-day free trial</p>}
        <ul className="mt-4 space-y-1 text-sm">
          {plan.features.map((f) => (
            <li key={f}>✓ {f}</li>
          ))}
        </ul>
      </Card>
      <InlineCheckout
        planId={plan.id}
        terms={plan.kind === 'subscription' && plan.interval ? { priceCents: plan.priceCents, currency: plan.currency, interval: plan.interval === 'year' ? 'year' : 'month', trialDays: plan.trialDays } : null}
      />
    </main>
  );
}
