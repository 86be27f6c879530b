'use client';
// Operator charts on Recharts: each a labelled image with its numbers as a table beside it (the accessible reading).
import { useId } from 'react';
import { Bar, BarChart as RechartsBarChart, CartesianGrid, Line, LineChart as RechartsLineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Cell, Row, RowHeader, Table } from '@/components/ui/table';
import { formatPrice } from '@/lib/billing/format';
import { Card } from '@/components/ui/card';

export type Point = { label: string; value: number };

/** How values are written: functions cannot cross from the server page to this client component, so a name does. */
export type ValueUnit = { kind: 'count' } | { kind: 'money'; currency: string } | { kind: 'seconds' };

type ChartProps = {
  title: string;
  description: string;
  data: Point[];
  unit: ValueUnit;
  /** The table's value column heading. */
  valueLabel: string;
};

function formatterOf(unit: ValueUnit): (value: number) => string {
  switch (unit.kind) {
    case 'money':
      // Whole units: chart labels and axes need no cents.
      return (cents) => formatPrice(Math.round(cents / 100) * 100, unit.currency);
    case 'seconds':
      return (s) => `${s.toFixed(s < 10 ? 1 : 0)} s`;
    default:
      return (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  }
}

const isDay = (label: string) => /^\d{4}-\d{2}-\d{2}$/.test(label);
const shortDay = (label: string) => (isDay(label) ? label.slice(5) : label);

const axisTick = { fill: 'var(--color-muted-foreground)', fontSize: 11 };
const tooltipStyle = { background: 'var(--color-popover)', border: '1px solid var(--color-border)', borderRadius: 8, color: 'var(--color-popover-foreground)' };

function Frame({ title, description, data, unit, valueLabel, children }: ChartProps & { children: React.ReactElement }) {
  const id = useId();
  const format = formatterOf(unit);
  const highest = data.length ? format(Math.max(...data.map((d) => d.value))) : null;
  return (
    <Card as="figure" className="p-4" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-semibold">
        {title}
      </figcaption>
      <p className="mt-0.5 text-xs text-muted-foreground">{description}</p>
      <div
        role="img"
        aria-label={`${title}. ${description} ${highest ? `From ${data[0].label} to ${data[data.length - 1].label}; highest ${highest}.` : 'No data.'}`}
        className="mt-3 h-[220px] w-full"
      >
        {children}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-primary">Data table: {title}</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <Table caption={title} columns={[data.length && isDay(data[0].label) ? 'Day' : 'Label', valueLabel]} className="text-xs">
            {data.map((d) => (
              <Row key={d.label}>
                <RowHeader className="py-1">{d.label}</RowHeader>
                <Cell className="py-1">{format(d.value)}</Cell>
              </Row>
            ))}
          </Table>
        </div>
      </details>
    </Card>
  );
}

function Axes({ unit }: { unit: ValueUnit }) {
  const format = formatterOf(unit);
  return (
    <>
      <CartesianGrid vertical={false} stroke="var(--color-border)" />
      <XAxis dataKey="label" tickFormatter={shortDay} tick={axisTick} tickLine={false} axisLine={false} minTickGap={16} />
      {/* Counts are whole numbers: no 0.5 ticks, and no repeated labels from rounding them. */}
      <YAxis tickFormatter={format} tick={axisTick} tickLine={false} axisLine={false} width={72} allowDecimals={unit.kind !== 'count'} />
      <Tooltip formatter={(value) => format(Number(value))} contentStyle={tooltipStyle} cursor={{ fill: 'var(--color-muted)' }} />
    </>
  );
}

/** Bars, one per point (days or categories). */
export function BarChart(props: ChartProps) {
  return (
    <Frame {...props}>
      <RechartsBarChart data={props.data} responsive accessibilityLayer={false} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {Axes({ unit: props.unit })}
        <Bar dataKey="value" name={props.valueLabel} fill="var(--color-chart-1)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </RechartsBarChart>
    </Frame>
  );
}

/** A line through the points (a value over time). */
export function LineChart(props: ChartProps) {
  return (
    <Frame {...props}>
      <RechartsLineChart data={props.data} responsive accessibilityLayer={false} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {Axes({ unit: props.unit })}
        <Line dataKey="value" name={props.valueLabel} type="monotone" stroke="var(--color-chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </RechartsLineChart>
    </Frame>
  );
}
