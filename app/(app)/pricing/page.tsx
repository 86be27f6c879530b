import Link from 'next/link';
import { BuyButton } from '@/components/billing/buy-button';
import { currentPlanIds } from '@/lib/billing/account';
import { formatPrice, planFullName } from '@/lib/billing/format';
import { liveSubscriptionsOnLine, productLineOf } from '@/lib/billing/plan-rules';
import { intervalLabel, listActivePlans } from '@/lib/billing/plans';
import { getCurrentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<{ interval?: string; plan?: string; checkout?: string }>;

const CHECKOUT_STYLES = [
  { id: 'overlay', label: 'Overlay' },
  { id: 'inline', label: 'On a page' },
  { id: 'hosted', label: 'Hosted page' },
] as const;

export default async function PricingPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const interval = params.interval === 'year' ? 'year' : 'month';
  const checkout = CHECKOUT_STYLES.find((s) => s.id === params.checkout)?.id ?? 'overlay';
  const [plans, user] = await Promise.all([listActivePlans(), getCurrentUser()]);
  const [owned, liveOnLine] = user
    ? await Promise.all([currentPlanIds(user.id), liveSubscriptionsOnLine(user.id, 'subscription')])
    : [new Set<string>(), []];
  // A subscriber moves within the line by a plan change (with Dodo's preview), never a second purchase.
  const changeable = liveOnLine.length === 1 && liveOnLine[0].subscription.status === 'active';
  const shown = plans.filter((p) => p.kind !== 'subscription' || p.interval === interval);
  const query = (change: Record<string, string>) => `/pricing?${new URLSearchParams({ interval, checkout, ...change })}`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Pricing</h1>
      <div className="mt-6 flex flex-wrap items-center gap-6">
        <nav aria-label="Billing period" className="inline-flex rounded-lg border border-slate-300 bg-white p-1">
          {(['month', 'year'] as const).map((i) => (
            <Link
              key={i}
              href={query({ interval: i })}
              aria-current={interval === i ? 'page' : undefined}
              className={`rounded-md px-3 py-1 text-sm ${interval === i ? 'bg-indigo-600 text-white' : 'text-slate-700'}`}
            >
              {i === 'month' ? 'Monthly' : 'Yearly'}
            </Link>
          ))}
        </nav>
        <nav aria-label="Checkout style" className="inline-flex rounded-lg border border-slate-300 bg-white p-1">
          {CHECKOUT_STYLES.map((s) => (
            <Link
              key={s.id}
              href={query({ checkout: s.id })}
              aria-current={checkout === s.id ? 'page' : undefined}
              className={`rounded-md px-3 py-1 text-sm ${checkout === s.id ? 'bg-slate-800 text-white' : 'text-slate-700'}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </div>

      <ul aria-label="Plans" className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {shown.map((plan) => {
          const isCurrent = owned.has(plan.id);
          const highlighted = params.plan === plan.id;
          const label = `Buy ${plan.name}${plan.interval ? ` ${plan.interval === 'year' ? 'yearly' : 'monthly'}` : ''}`;
          const onHeldLine = liveOnLine.length > 0 && productLineOf(plan) !== null;
          return (
            <li
              key={plan.id}
              aria-label={plan.name}
              className={`flex flex-col rounded-xl border bg-white p-5 shadow-sm ${highlighted ? 'border-indigo-500 ring-2 ring-indigo-200' : 'border-slate-200'}`}
            >
              <div className="flex items-start justify-between gap-2">
                <h2 className="text-lg font-semibold">{plan.name}</h2>
                {isCurrent && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Current plan</span>}
              </div>
              <p className="mt-1 text-sm text-slate-600">{plan.description}</p>
              <p className="mt-3 text-2xl font-bold">
                {formatPrice(plan.priceCents, plan.currency)} <span className="text-sm font-normal text-slate-500">{intervalLabel(plan)}</span>
              </p>
              <ul className="mt-3 flex-1 space-y-1 text-sm text-slate-700">
                {plan.features.map((f) => (
                  <li key={f}>✓ {f}</li>
                ))}
              </ul>
              {!user ? (
                <Link
                  href={`/sign-in?${new URLSearchParams({ callbackUrl: query({ plan: plan.id }) })}`}
                  className="mt-4 block rounded-lg border border-indigo-600 px-4 py-2 text-center font-medium text-indigo-700"
                >
                  Sign in to buy {plan.name}
                </Link>
              ) : onHeldLine && (isCurrent || !changeable) ? (
                <Link href="/billing" className="mt-4 block rounded-lg border border-slate-300 px-4 py-2 text-center text-slate-700">
                  Manage on the billing page
                </Link>
              ) : onHeldLine ? (
                <Link
                  href={`/billing?${new URLSearchParams({ change: plan.id })}#change-plan`}
                  className="mt-4 block rounded-lg border border-indigo-600 px-4 py-2 text-center font-medium text-indigo-700"
                >
                  Change to {planFullName(plan)}
                </Link>
              ) : checkout === 'inline' ? (
                <Link href={`/checkout/${plan.id}`} className="mt-4 block rounded-lg bg-indigo-600 px-4 py-2 text-center font-medium text-white">
                  {label}
                </Link>
              ) : (
                <BuyButton planId={plan.id} label={label} display={checkout} />
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
