// Usage-based billing: `/meters` (create, list, retrieve, archive, unarchive), `/events/ingest`, `GET /events(/{id})`,
// `GET /subscriptions/{id}/usage-history`, and the metered lines a renewal bills.
import { z } from 'zod';
import type { FilterType, Meter, MeterFilter } from 'dodopayments/resources/meters';
import type { Subscription, SubscriptionRetrieveUsageHistoryResponse } from 'dodopayments/resources/subscriptions';
import type { Event, UsageEventIngestResponse } from 'dodopayments/resources/usage-events';
import { SandboxError } from '../engine';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { newestFirst, paginate } from '../core/pagination';
import { taxRatePercent } from '../core/pricing';
import type { PaymentLineItem } from '../core/state';
import { getCustomer } from './customers';

const conditionSchema = z.object({
  key: z.string(),
  operator: z.enum(['equals', 'not_equals', 'greater_than', 'greater_than_or_equals', 'less_than', 'less_than_or_equals', 'contains', 'does_not_contain']),
  value: z.union([z.string(), z.number(), z.boolean()]),
});
const filterSchema: z.ZodType<MeterFilter> = z.lazy(() =>
  z.object({ clauses: z.union([z.array(conditionSchema), z.array(filterSchema)]), conjunction: z.enum(['and', 'or']) }),
);

const meterCreateSchema = z.object({
  aggregation: z.object({ type: z.enum(['count', 'sum', 'max', 'last']), key: z.string().nullish() }),
  event_name: z.string().min(1),
  measurement_unit: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullish(),
  filter: filterSchema.nullish(),
});

const ingestSchema = z.object({
  events: z
    .array(
      z.object({
        customer_id: z.string(),
        event_id: z.string().min(1),
        event_name: z.string().min(1),
        metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
        timestamp: z.iso.datetime({ offset: true }).nullish(),
      }),
    )
    .min(1)
    .max(1000),
});

function getMeter(core: SandboxCore, id: string): Meter & { archived: boolean } {
  const meter = core.state.meters[id];
  if (!meter) throw notFound('Meter', id);
  return meter;
}

function toMeter(stored: Meter & { archived: boolean }): Meter {
  const { archived: _archived, ...meter } = stored;
  return meter;
}

function conditionHolds(event: Event, clause: z.infer<typeof conditionSchema>): boolean {
  const actual = event.metadata?.[clause.key];
  if (actual === undefined) return clause.operator === 'not_equals' || clause.operator === 'does_not_contain';
  const [a, b] = [Number(actual), Number(clause.value)];
  switch (clause.operator) {
    case 'equals':
      return String(actual) === String(clause.value);
    case 'not_equals':
      return String(actual) !== String(clause.value);
    case 'greater_than':
      return a > b;
    case 'greater_than_or_equals':
      return a >= b;
    case 'less_than':
      return a < b;
    case 'less_than_or_equals':
      return a <= b;
    case 'contains':
      return String(actual).includes(String(clause.value));
    case 'does_not_contain':
      return !String(actual).includes(String(clause.value));
  }
}

function filterHolds(event: Event, filter: MeterFilter): boolean {
  const clauses = filter.clauses as (FilterType.MeterFilterConditionList | MeterFilter)[];
  const results = clauses.map((clause) => ('conjunction' in clause ? filterHolds(event, clause) : conditionHolds(event, clause)));
  return filter.conjunction === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** The meter's aggregate over one customer's events in [from, to). */
export function meterUsage(core: SandboxCore, meter: Meter, customerId: string, from: string, to: string): number {
  const events = core.state.usage_events
    .filter((e) => e.customer_id === customerId && e.event_name === meter.event_name && e.timestamp >= from && e.timestamp < to)
    .filter((e) => !meter.filter || filterHolds(e, meter.filter))
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const values = events.map((e) => (meter.aggregation.key ? Number(e.metadata?.[meter.aggregation.key] ?? 0) : 1)).filter(Number.isFinite);
  switch (meter.aggregation.type) {
    case 'count':
      return events.length;
    case 'sum':
      return values.reduce((sum, v) => sum + v, 0);
    case 'max':
      return values.length ? Math.max(...values) : 0;
    case 'last':
      return values.at(-1) ?? 0;
  }
}

type MeterBill = { meter: Subscription['meters'][number]; consumed: number; chargeable: number; amount: number };

function meterBills(core: SandboxCore, subscription: Subscription, from: string, to: string): MeterBill[] {
  return subscription.meters.flatMap((item) => {
    const meter = core.state.meters[item.meter_id];
    if (!meter) return [];
    const consumed = meterUsage(core, meter, subscription.customer.customer_id, from, to);
    const chargeable = Math.max(0, consumed - item.free_threshold);
    // `price_per_unit` is a decimal string in the currency's smallest unit.
    return [{ meter: item, consumed, chargeable, amount: Math.round(chargeable * Number(item.price_per_unit ?? 0)) }];
  });
}

/** The usage of the period that is ending, one line per meter with something to bill. */
export function meteredLines(core: SandboxCore, subscription: Subscription): PaymentLineItem[] {
  return meterBills(core, subscription, subscription.previous_billing_date, subscription.next_billing_date)
    .filter((bill) => bill.amount > 0)
    .map((bill) => ({
      items_id: bill.meter.meter_id,
      name: bill.meter.name,
      description: bill.meter.description ?? null,
      quantity: 1,
      amount: bill.amount,
      tax: Math.round((bill.amount * taxRatePercent(subscription.billing.country)) / 100),
    }));
}

function usageHistory(core: SandboxCore, subscriptionId: string, query: URLSearchParams): { items: SubscriptionRetrieveUsageHistoryResponse[] } {
  const subscription = core.state.subscriptions[subscriptionId];
  if (!subscription) throw notFound('Subscription', subscriptionId);
  const meterId = query.get('meter_id');
  const start = query.get('start_date');
  const end = query.get('end_date');
  // One entry per billing period since the subscription began, newest first.
  const periods: { from: string; to: string }[] = [];
  for (let to = subscription.next_billing_date, from = subscription.previous_billing_date; to > subscription.created_at; ) {
    periods.push({ from, to });
    const step = Date.parse(to) - Date.parse(from);
    if (step <= 0) break;
    to = from;
    from = new Date(Math.max(Date.parse(subscription.created_at), Date.parse(from) - step)).toISOString();
  }
  const items = periods
    .filter((p) => (!start || p.to > new Date(start).toISOString()) && (!end || p.from <= new Date(end).toISOString()))
    .map((p) => ({
      start_date: p.from,
      end_date: p.to,
      meters: meterBills(core, subscription, p.from, p.to)
        .filter((bill) => !meterId || bill.meter.meter_id === meterId)
        .map((bill) => ({
          id: bill.meter.meter_id,
          name: bill.meter.name,
          currency: bill.meter.currency,
          free_threshold: bill.meter.free_threshold,
          price_per_unit: bill.meter.price_per_unit ?? '0',
          consumed_units: String(bill.consumed),
          chargeable_units: String(bill.chargeable),
          total_price: bill.amount,
        })),
    }));
  return paginate(items, query);
}

export function registerMeterRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/meters', ({ body }) => {
      const input = parseBody(meterCreateSchema, body);
      if (input.aggregation.type !== 'count' && !input.aggregation.key) throw new SandboxError(422, 'INVALID_REQUEST_BODY', `aggregation.key is required for ${input.aggregation.type}`);
      const now = core.now();
      const meter = { ...input, id: newId(ID_PREFIX.meter), business_id: core.state.business_id, created_at: now, updated_at: now, archived: false };
      core.state.meters[meter.id] = meter;
      return toMeter(meter);
    })
    .get('/meters', ({ query }) => {
      const archived = query.get('archived') === 'true';
      return paginate(newestFirst(Object.values(core.state.meters)).filter((m) => m.archived === archived).map(toMeter), query);
    })
    .get('/meters/:id', ({ params }) => toMeter(getMeter(core, params.id)))
    .delete('/meters/:id', ({ params }) => {
      getMeter(core, params.id).archived = true;
      return new Reply(200, undefined);
    })
    .post('/meters/:id/unarchive', ({ params }) => {
      getMeter(core, params.id).archived = false;
      return new Reply(200, undefined);
    })
    .post('/events/ingest', ({ body }): UsageEventIngestResponse => {
      const input = parseBody(ingestSchema, body);
      let ingested = 0;
      for (const event of input.events) {
        getCustomer(core, event.customer_id);
        // `event_id` is the idempotency key: a repeated id is accepted and not counted twice.
        if (core.state.usage_events.some((e) => e.event_id === event.event_id)) continue;
        core.state.usage_events.push({
          business_id: core.state.business_id,
          customer_id: event.customer_id,
          event_id: event.event_id,
          event_name: event.event_name,
          metadata: event.metadata ?? null,
          timestamp: event.timestamp ? new Date(event.timestamp).toISOString() : core.now(),
        });
        ingested += 1;
      }
      return { ingested_count: ingested };
    })
    .get('/events', ({ query }) => {
      const meter = query.get('meter_id') ? getMeter(core, query.get('meter_id') as string) : null;
      const start = query.get('start');
      const end = query.get('end');
      const events = [...core.state.usage_events]
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
        .filter(
          (e) =>
            (!query.get('customer_id') || e.customer_id === query.get('customer_id')) &&
            (!query.get('event_name') || e.event_name === query.get('event_name')) &&
            (!meter || (e.event_name === meter.event_name && (!meter.filter || filterHolds(e, meter.filter)))) &&
            (!start || e.timestamp >= new Date(start).toISOString()) &&
            (!end || e.timestamp <= new Date(end).toISOString()),
        );
      return paginate(events, query);
    })
    .get('/events/:id', ({ params }) => {
      const event = core.state.usage_events.find((e) => e.event_id === params.id);
      if (!event) throw notFound('Event', params.id);
      return event;
    })
    .get('/subscriptions/:id/usage-history', ({ params, query }) => usageHistory(core, params.id, query));
}
