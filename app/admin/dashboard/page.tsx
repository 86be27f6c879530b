import type { Metadata } from 'next';
import { BarChart, LineChart, type ValueUnit } from '@/components/admin/charts';
import { requireAdmin } from '@/lib/ops/admin';
import { loadDashboard, type DayValue } from '@/lib/ops/dashboard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Operations dashboard' };

const count: ValueUnit = { kind: 'count' };
const seconds: ValueUnit = { kind: 'seconds' };

const points = (rows: DayValue[]) => rows.map((r) => ({ label: r.day, value: r.value }));

export default async function DashboardPage() {
  await requireAdmin();
  const d = await loadDashboard(30);
  const money: ValueUnit = { kind: 'money', currency: d.currency };
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
      <p className="text-sm text-muted-foreground">The last {d.days} days, per UTC day, from the database.</p>
      <div className="grid gap-4 md:grid-cols-2">
        <BarChart title="Net revenue per day" description={`Succeeded payments less succeeded refunds, in ${d.currency}.`} data={points(d.revenue)} unit={money} valueLabel="Revenue" />
        <LineChart title="Monthly recurring revenue" description={`Live subscriptions at each day's end at their plan's monthly price, in ${d.currency}.`} data={points(d.mrr)} unit={money} valueLabel="MRR" />
        <BarChart title="Active subscriptions by plan" description="Subscriptions whose status is active now." data={d.activeByPlan} unit={count} valueLabel="Subscriptions" />
        <BarChart title="Payments by status" description={`Payments stored in the last ${d.days} days.`} data={d.paymentsByStatus} unit={count} valueLabel="Payments" />
        <LineChart title="Webhook lag (95th percentile)" description="From Dodo's event time to our commit of the webhook, per day." data={points(d.webhookLagP95)} unit={seconds} valueLabel="Lag" />
        <BarChart title="Webhook failures per day" description="Deliveries we rejected (signature, payload) or failed (5xx)." data={points(d.webhookFailures)} unit={count} valueLabel="Failures" />
        <BarChart title="Job failures per day" description="Job attempts that failed or were interrupted." data={points(d.jobFailures)} unit={count} valueLabel="Failed attempts" />
        <BarChart title="Jobs by status" description="Every job, by its current status." data={d.jobsByStatus} unit={count} valueLabel="Jobs" />
      </div>
    </main>
  );
}
