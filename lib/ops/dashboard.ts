import 'server-only';
// The operator dashboard's numbers, per day over a window, straight from the stored rows.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';

export type DayValue = { day: string; value: number };
export type LabelValue = { label: string; value: number };

export type Dashboard = {
  days: number;
  currency: string;
  revenue: DayValue[];
  mrr: DayValue[];
  activeByPlan: LabelValue[];
  paymentsByStatus: LabelValue[];
  webhookLagP95: DayValue[];
  webhookFailures: DayValue[];
  jobFailures: DayValue[];
  jobsByStatus: LabelValue[];
};

const num = (v: unknown) => Number(v ?? 0);

/** Days as `YYYY-MM-DD` (UTC), oldest first, ending today. */
const series = (days: number) => sql`generate_series((now() at time zone 'utc')::date - ${days - 1}::int, (now() at time zone 'utc')::date, interval '1 day')`;

async function perDay(days: number, valueSql: ReturnType<typeof sql>): Promise<DayValue[]> {
  const rows = await getDb().execute<{ day: string; value: unknown }>(sql`
    select to_char(d, 'YYYY-MM-DD') as day, (${valueSql}) as value
    from ${series(days)} as d order by d`);
  return [...rows].map((r) => ({ day: r.day, value: num(r.value) }));
}

export async function loadDashboard(days = 30): Promise<Dashboard> {
  const db = getDb();
  const [top] = await db.execute<{ currency: string }>(sql`
    select currency from payments where status = 'succeeded' group by currency order by count(*) desc limit 1`);
  const currency = top?.currency ?? 'USD';
  const day = (column: ReturnType<typeof sql>) => sql`(${column} at time zone 'utc')::date = d::date`;

  const [revenue, mrr, activeByPlan, paymentsByStatus, webhookLagP95, webhookFailures, jobFailures, jobsByStatus] = await Promise.all([
    // Net revenue: succeeded payments less succeeded refunds, in the main currency, in cents.
    perDay(
      days,
      sql`coalesce((select sum(amount_cents) from payments where status = 'succeeded' and currency = ${currency} and ${day(sql`created_at`)}), 0)
        - coalesce((select sum(amount_cents) from refunds where status = 'succeeded' and currency = ${currency} and ${day(sql`created_at`)}), 0)`,
    ),
    // MRR at the end of each day: subscriptions live then, each at its plan's monthly price.
    perDay(
      days,
      sql`coalesce((select sum(case when p.interval = 'year' then p.price_cents / 12.0 else p.price_cents end)
        from subscriptions s join plans p on p.id = s.plan_id
        where p.currency = ${currency} and s.status not in ('pending', 'failed')
          and s.created_at < d + interval '1 day'
          and (coalesce(s.cancelled_at, case when s.status in ('cancelled', 'expired') then s.updated_at end) is null
               or coalesce(s.cancelled_at, s.updated_at) >= d + interval '1 day')), 0)`,
    ),
    db.execute<{ label: string; value: unknown }>(sql`
      select coalesce(p.name, s.plan_id, s.dodo_product_id) as label, count(*) as value
      from subscriptions s left join plans p on p.id = s.plan_id
      where s.status = 'active' group by 1 order by 2 desc, 1`),
    db.execute<{ label: string; value: unknown }>(sql`
      select status as label, count(*) as value from payments
      where created_at >= now() - make_interval(days => ${days}) group by 1 order by 2 desc, 1`),
    // Webhook lag: Dodo's event time to our commit, 95th percentile per day, in seconds.
    perDay(
      days,
      sql`coalesce((select percentile_cont(0.95) within group (order by extract(epoch from received_at - event_at))
        from webhook_events where ${day(sql`received_at`)}), 0)`,
    ),
    // Unsigned rejections are counted per hour (webhook_rejections), not stored one row each.
    perDay(
      days,
      sql`(select count(*) from webhook_deliveries where (result = 'failed' or (result = 'rejected' and signature = 'valid')) and ${day(sql`received_at`)})
        + coalesce((select sum(count) from webhook_rejections where ${day(sql`hour`)}), 0)`,
    ),
    perDay(days, sql`(select count(*) from fulfilment_attempts where outcome in ('failed', 'interrupted') and ${day(sql`started_at`)})`),
    db.execute<{ label: string; value: unknown }>(sql`select status::text as label, count(*) as value from fulfilments group by 1 order by 1`),
  ]);
  const labelled = (rows: Iterable<{ label: string; value: unknown }>) => [...rows].map((r) => ({ label: r.label, value: num(r.value) }));
  return {
    days,
    currency,
    revenue,
    mrr: mrr.map((m) => ({ ...m, value: Math.round(m.value) })),
    activeByPlan: labelled(activeByPlan),
    paymentsByStatus: labelled(paymentsByStatus),
    webhookLagP95,
    webhookFailures,
    jobFailures,
    jobsByStatus: labelled(jobsByStatus),
  };
}
