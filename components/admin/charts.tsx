// Plain SVG charts: each an image with a title and description, and the same numbers as a table.
import { useId } from 'react';

export type Point = { label: string; value: number };

type ChartProps = {
  title: string;
  description: string;
  data: Point[];
  /** How a value is written in labels and the table. */
  format?: (value: number) => string;
  /** The table's value column heading. */
  valueLabel?: string;
};

const W = 600;
const H = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

function niceMax(max: number) {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

function Frame({ title, description, data, format = String, valueLabel = 'Value', children }: ChartProps & { children: (scale: { x: (i: number) => number; y: (v: number) => number; band: number; max: number }) => React.ReactNode }) {
  const id = useId();
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const band = data.length ? innerW / data.length : innerW;
  const x = (i: number) => PAD.left + i * band;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  // Label every n-th point so labels never overlap.
  const every = Math.max(1, Math.ceil(data.length / 6));
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-semibold text-slate-900">
        {title}
      </figcaption>
      <p className="mt-0.5 text-xs text-slate-600">{description}</p>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-2 h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${description} ${data.length ? `From ${data[0].label} to ${data[data.length - 1].label}; highest ${format(Math.max(...data.map((d) => d.value)))}.` : 'No data.'}`}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {format(max * f)}
            </text>
          </g>
        ))}
        {children({ x, y, band, max })}
        {data.map((d, i) =>
          i % every === 0 ? (
            <text key={d.label} x={x(i) + band / 2} y={H - 8} textAnchor="middle" fontSize="11" fill="#475569">
              {d.label.length > 10 ? d.label.slice(5) : d.label}
            </text>
          ) : null,
        )}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700">Data table: {title}</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-4">
                  {data.length && /^\d{4}-\d{2}-\d{2}$/.test(data[0].label) ? 'Day' : 'Label'}
                </th>
                <th scope="col" className="py-1">
                  {valueLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {d.label}
                  </th>
                  <td className="py-1">{format(d.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Bars, one per point (days or categories). */
export function BarChart(props: ChartProps) {
  return (
    <Frame {...props}>
      {({ x, y, band }) =>
        props.data.map((d, i) => (
          <rect key={d.label} x={x(i) + band * 0.15} width={Math.max(1, band * 0.7)} y={y(d.value)} height={Math.max(0, y(0) - y(d.value))} fill="#4f46e5" />
        ))
      }
    </Frame>
  );
}

/** A line through the points (a value over time). */
export function LineChart(props: ChartProps) {
  return (
    <Frame {...props}>
      {({ x, y, band }) => (
        <polyline
          fill="none"
          stroke="#4f46e5"
          strokeWidth="2"
          points={props.data.map((d, i) => `${x(i) + band / 2},${y(d.value)}`).join(' ')}
        />
      )}
    </Frame>
  );
}
