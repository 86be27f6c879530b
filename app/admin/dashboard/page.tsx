import { BarChart, LineChart } from '@/components/admin/charts';
import { formatPrice } from '@/lib/billing/format';
import { requireAdmin } from '@/lib/ops/admin';
import { loadDashboard, type DayValue } from '@/lib/ops/dashboard';

export const dynamic = 'force-dynamic';

const points = (rows: DayValue[]) => rows.map((r) => ({ label: r.day, value: r.value }));

export default async function DashboardPage() {
  await requireAdmin();
  const d = await loadDashboard(30);
  // Whole units: chart labels and axes need no cents.
  const money = (cents: number) => formatPrice(Math.round(cents / 100) * 100, d.currency);
  const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const secs = (s: number) => `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return (
    <main className="space-y-6">
      <h1 className="text-2xl font-bold">Dashboard</h1>
      <p className="text-sm text-slate-600">The last {d.days} days, per UTC day, from the database.</p>
      <div className="grid gap-4 md:grid-cols-2">
        <BarChart title="Net revenue per day" description={`Succeeded payments less succeeded refunds, in ${d.currency}.`} data={points(d.revenue)} format={money} valueLabel="Revenue" />
        <LineChart title="Monthly recurring revenue" description={`Live subscriptions at each day's end at their plan's monthly price, in ${d.currency}.`} data={points(d.mrr)} format={money} valueLabel="MRR" />
        <BarChart title="Active subscriptions by plan" description="Subscriptions whose status is active now." data={d.activeByPlan} format={count} valueLabel="Subscriptions" />
        <BarChart title="Payments by status" description={`Payments stored in the last ${d.days} days.`} data={d.paymentsByStatus} format={count} valueLabel="Payments" />
        <LineChart title="Webhook lag (95th percentile)" description="From Dodo's event time to our commit of the webhook, per day." data={points(d.webhookLagP95)} format={secs} valueLabel="Lag" />
        <BarChart title="Webhook failures per day" description="Deliveries we rejected (signature, payload) or failed (5xx)." data={points(d.webhookFailures)} format={count} valueLabel="Failures" />
        <BarChart title="Job failures per day" description="Job attempts that failed or were interrupted." data={points(d.jobFailures)} format={count} valueLabel="Failed attempts" />
        <BarChart title="Jobs by status" description="Every job, by its current status." data={d.jobsByStatus} format={count} valueLabel="Jobs" />
      </div>
    </main>
  );
}
