import Link from 'next/link';
import { formatPrice } from '@/lib/billing/format';
import { intervalLabel, listActivePlans } from '@/lib/billing/plans';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const plans = await listActivePlans();
  return (
    <main className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Dodo SaaS Starter</h1>
      <p className="mt-2 text-slate-600">
        Sell software through Dodo Payments: webhooks decide access, never the redirect. Plans, read from the database:
      </p>
      <p className="mt-4">
        <Link href="/pricing" className="inline-block rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">
          See pricing and buy
        </Link>
      </p>
      <ul aria-label="Plans" className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {plans.map((plan) => (
          <li key={plan.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="text-lg font-semibold">{plan.name}</h2>
            <p className="mt-1 text-sm text-slate-600">{plan.description}</p>
            <p className="mt-3 text-2xl font-bold">
              {formatPrice(plan.priceCents, plan.currency)}{' '}
              <span className="text-sm font-normal text-slate-500">{intervalLabel(plan)}</span>
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
