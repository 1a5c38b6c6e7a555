import { labelIndexes, linear, niceTicks } from './scale';
import { useWidth } from './use-width';

export interface LineSeries {
  name: string;
  values: Array<number | null>;
  /** The second line of a chart is drawn dashed in the second colour. */
  second?: boolean;
}

export interface BarSeries {
  name: string;
  values: number[];
}

interface TimeChartProps {
  /** One label per bucket, oldest first. */
  labels: string[];
  lines: LineSeries[];
  /** Volumes behind the lines (events per bucket), on their own axis at the right. */
  bars?: BarSeries;
  /** The left axis's top: 1 for rates; the data's maximum otherwise. */
  yMax?: number;
  /** Ticks for the left axis from the data's maximum (default: round numbers). */
  ticksFor?: (max: number) => number[];
  formatY: (value: number) => string;
  /** The tooltip of one bucket. */
  describe: (index: number) => string;
  title: string;
  testid?: string;
}

const HEIGHT = 190;
const MARGIN = { top: 12, right: 36, bottom: 26, left: 56 };

/**
 * Lines over time (a rate, a duration) with the event volume as bars behind them. Drawn as SVG
 * here: no chart library, and the colours follow the theme's CSS variables. A null value (no
 * events in that bucket) leaves a gap in the line rather than a misleading zero.
 */
export function TimeChart({ labels, lines, bars, yMax, ticksFor = niceTicks, formatY, describe, title, testid }: TimeChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const count = labels.length;
  const plotRight = width - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const slot = (plotRight - MARGIN.left) / Math.max(count, 1);
  const xOf = (i: number) => MARGIN.left + slot * (i + 0.5);

  const lineMax = yMax ?? Math.max(0, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== null)));
  const yTicks = yMax === undefined ? ticksFor(lineMax) : niceTicks(yMax, 4).filter((t) => t <= yMax);
  const yTop = yMax ?? yTicks[yTicks.length - 1] ?? 1;
  const y = linear(yTop, plotBottom, MARGIN.top);

  const barMax = bars ? Math.max(0, ...bars.values) : 0;
  const barTicks = bars ? niceTicks(barMax, 3) : [];
  const barTop = barTicks[barTicks.length - 1] ?? 1;
  const barY = linear(barTop, plotBottom, MARGIN.top);
  const barWidth = Math.max(2, Math.min(28, slot * 0.6));
  const shownLabels = labelIndexes(count, Math.max(2, Math.floor((plotRight - MARGIN.left) / 70)));

  return (
    <div ref={ref}>
      <svg class="chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title} data-testid={testid} data-points={count}>
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line class="grid-line" x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick) + 4} text-anchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {bars &&
          barTicks.slice(1).map((tick) => (
            <text key={`b${tick}`} x={plotRight + 8} y={barY(tick) + 4}>
              {tick}
            </text>
          ))}
        {bars?.values.map((value, i) => (
          <rect key={`bar${i}`} class="bar" x={xOf(i) - barWidth / 2} y={barY(value)} width={barWidth} height={plotBottom - barY(value)} rx={2} data-value={value}>
            <title>{describe(i)}</title>
          </rect>
        ))}
        <line class="axis-line" x1={MARGIN.left} x2={plotRight} y1={plotBottom} y2={plotBottom} />
        {labels.map((label, i) =>
          shownLabels.has(i) ? (
            <text key={`x${i}`} x={xOf(i)} y={HEIGHT - 8} text-anchor="middle">
              {label}
            </text>
          ) : null,
        )}
        {lines.map((series) => (
          <g key={series.name} data-series={series.name}>
            <path class={series.second ? 'line second' : 'line'} d={pathOf(series.values, xOf, y)} />
            {series.values.map((value, i) =>
              value === null ? null : (
                <circle key={i} class={series.second ? 'point second' : 'point'} cx={xOf(i)} cy={y(value)} r={count > 40 ? 1.8 : 3.2} data-index={i} data-value={value}>
                  <title>{describe(i)}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

/** An SVG path through the points, lifted at every null so gaps stay gaps. */
function pathOf(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}
