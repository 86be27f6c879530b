import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowRight, Coins, CreditCard, KeyRound, LayoutDashboard, type LucideIcon } from 'lucide-react';
import { StatusBadge } from '@/components/status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { ActionForm } from '@/components/ui/action-form';
import { signOutAction } from '@/lib/auth/actions';
import { requireUser } from '@/lib/auth/session';
import { getBillingOverview } from '@/lib/billing/account';
import { entitlementLabel } from '@/lib/labels';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dashboard' };

/** Where a signed-in customer lands: what the account has now, and where to use it. */
export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const overview = await getBillingOverview(user.id);
  const current = overview.subscriptions[0];
  const has = (key: string) => overview.entitlements.some((e) => e.key === key);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Welcome{user.name ? `, ${user.name}` : ''}</h1>
          <p className="mt-1 text-muted-foreground">Your plan, your access and your credits at a glance.</p>
        </div>
        {/* The header's account menu needs JavaScript; this form signs out without it. */}
        <ActionForm action={signOutAction} label="Sign out" pendingLabel="Signing out…" variant="ghost" className="flex items-center gap-2" />
      </div>

      <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-3">
        <DashboardCard icon={CreditCard} title="Plan" description="Your subscription, renewals and payments.">
          <div className="flex-1">
            {current ? (
              <p className="flex flex-wrap items-center gap-2 font-medium">
                {current.plan?.name ?? 'Subscription'} <StatusBadge status={current.subscription.status} />
              </p>
            ) : (
              <p className="text-sm text-muted-foreground">No subscription yet. Pick a plan to unlock Pro.</p>
            )}
          </div>
          <CardFooter>
            <Button asChild variant={current ? 'outline' : 'default'}>
              <Link href={current ? '/billing' : '/pricing'}>
                {current ? 'Manage billing' : 'See plans'} <ArrowRight aria-hidden />
              </Link>
            </Button>
          </CardFooter>
        </DashboardCard>

        <DashboardCard icon={LayoutDashboard} title="Access" description="What your account can open right now.">
          <div className="flex-1">
            {overview.entitlements.length ? (
              <ul aria-label="Access" className="flex flex-wrap gap-2">
                {overview.entitlements.map((e) => (
                  <li key={e.key}>
                    <StatusBadge status={e.status} label={`${entitlementLabel(e.key)}${e.status === 'grace' ? ' (grace period)' : ''}`} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">Nothing yet. Access appears here as soon as a payment is confirmed.</p>
            )}
          </div>
          <CardFooter>
            {has('pro') && (
              <Button asChild variant="outline">
                <Link href="/pro">Open Pro</Link>
              </Button>
            )}
            {has('license') && (
              <Button asChild variant="outline">
                <Link href="/license">
                  <KeyRound aria-hidden /> Licence
                </Link>
              </Button>
            )}
          </CardFooter>
        </DashboardCard>

        <DashboardCard icon={Coins} title="Credits" description="A prepaid balance for API calls.">
          <p className="flex-1 text-3xl font-bold tracking-tight" data-testid="dashboard-credits">
            {overview.credits.toLocaleString('en-US')}
          </p>
          <CardFooter>
            <Button asChild variant="outline">
              <Link href={overview.credits > 0 ? '/billing#access-heading' : '/pricing'}>{overview.credits > 0 ? 'Use credits' : 'Buy credits'}</Link>
            </Button>
          </CardFooter>
        </DashboardCard>
      </div>
    </main>
  );
}

/** One panel of the dashboard: an icon and title, a line on what it shows, then its body and footer. */
function DashboardCard({ icon: Icon, title, description, children }: { icon: LucideIcon; title: string; description: string; children: React.ReactNode }) {
  return (
    <Card className="flex flex-col">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon aria-hidden className="size-5 text-primary" /> {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      {children}
    </Card>
  );
}
