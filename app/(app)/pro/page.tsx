import type { Metadata } from 'next';
import Link from 'next/link';
import { Check } from 'lucide-react';
import { UpgradeNotice } from '@/components/billing/upgrade-notice';
import { StatusBadge } from '@/components/status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { hasEntitlement, listEntitlements } from '@/lib/billing/entitlements';
import { listActivePlans } from '@/lib/billing/plans';
import { getActiveWorkspace } from '@/lib/teams/active-workspace';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Pro' };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export default async function ProPage() {
  const user = await requireUser('/pro');
  const { active } = await getActiveWorkspace(user.id);
  // Team access is shared through the active workspace's membership.
  const allowed = await hasEntitlement({ userId: user.id, workspaceId: active.id }, 'pro');
  if (!allowed) {
    return (
      <main className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-3xl font-bold tracking-tight">Pro dashboard</h1>
        <div className="mt-6">
          <UpgradeNotice feature="The Pro dashboard" planHint="Pro or Team" />
        </div>
      </main>
    );
  }
  const [access, plans] = await Promise.all([listEntitlements(user.id), listActivePlans()]);
  const pro = access.find((e) => e.key === 'pro');
  const team = access.some((e) => e.key === 'team');
  // What the plans granting Pro list, once each: the page shows what the access includes.
  const included = [...new Set(plans.filter((p) => p.entitlements.includes('pro') && (team || !p.entitlements.includes('team'))).flatMap((p) => p.features))].filter(
    (f) => !/free|trial/i.test(f),
  );
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-10">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Pro dashboard</h1>
        {pro && <StatusBadge status={pro.status} label={pro.status === 'grace' ? 'Grace period' : 'Active'} />}
      </div>
      <p role="status" className="text-muted-foreground">
        Welcome to Pro, {user.name ?? user.email}. Everything here is unlocked
        {pro?.validUntil ? `, paid up to ${dateFormat.format(pro.validUntil)}` : ''}.
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>What your plan includes</CardTitle>
            <CardDescription>{team ? 'Team: Pro for everyone in your workspace.' : 'Pro: for a single maker.'}</CardDescription>
          </CardHeader>
          <ul className="space-y-2 text-sm">
            {included.map((feature) => (
              <li key={feature} className="flex gap-2">
                <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                {feature}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Your subscription</CardTitle>
            <CardDescription>Change plan, update your card or cancel whenever you like.</CardDescription>
          </CardHeader>
          <Button asChild variant="outline">
            <Link href="/billing">Manage billing</Link>
          </Button>
        </Card>
      </div>
    </main>
  );
}
