import { labelIndexes, linear, niceTicks } from './scale';
import { useWidth } from './use-width';

export interface BarGroupSeries {
  name: string;
  /** One value per category; negative values hang below the zero line. */
  values: number[];
}

interface BarChartProps {
  categories: string[];
  /** Up to three series, drawn side by side in each category in the colours `series-0…2`. */
  series: BarGroupSeries[];
  formatY: (value: number) => string;
  title: string;
  testid?: string;
}

const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 26, left: 72 };

/**
 * Grouped bars per category (revenue per period), drawn as SVG here like the KPI charts. The
 * value axis always includes zero, so a period whose credits exceed its billing shows a bar below
 * the line instead of a shortened one.
 */
export function BarChart({ categories, series, formatY, title, testid }: BarChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const values = series.flatMap((s) => s.values);
  const top = niceTicks(Math.max(0, ...values), 4);
  const lowest = Math.min(0, ...values);
  const bottom = lowest < 0 ? niceTicks(-lowest, 2).filter((t) => t > 0) : [];
  const yMax = top[top.length - 1] ?? 1;
  const yMin = -(bottom[bottom.length - 1] ?? 0);
  const plotBottom = HEIGHT - MARGIN.bottom;
  const span = linear(yMax - yMin, plotBottom, MARGIN.top);
  const y = (value: number) => span(value - yMin);
  const ticks = [...bottom.map((t) => -t).reverse(), ...top];

  const plotRight = width - MARGIN.right;
  const slot = (plotRight - MARGIN.left) / Math.max(categories.length, 1);
  const barWidth = Math.max(3, Math.min(26, (slot * 0.7) / Math.max(series.length, 1)));
  const groupLeft = (i: number) => MARGIN.left + slot * (i + 0.5) - (barWidth * series.length) / 2;
  const shownLabels = labelIndexes(categories.length, Math.max(2, Math.floor((plotRight - MARGIN.left) / 64)));

  return (
    <div ref={ref}>
      <svg class="chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title} data-testid={testid} data-categories={categories.length}>
        {ticks.map((tick) => (
          <g key={`y${tick}`}>
            <line class={tick === 0 ? 'axis-line' : 'grid-line'} x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick) + 4} text-anchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => (
          <g key={category}>
            {series.map((s, k) => {
              const value = s.values[i] ?? 0;
              return (
                <rect
                  key={s.name}
                  class={`bar series-${k}`}
                  x={groupLeft(i) + k * barWidth}
                  y={Math.min(y(value), y(0))}
                  width={barWidth - 1}
                  height={Math.abs(y(value) - y(0))}
                  data-series={s.name}
                  data-category={category}
                  data-value={value}
                >
                  <title>{`${category} · ${s.name}: ${formatY(value)}`}</title>
                </rect>
              );
            })}
            {shownLabels.has(i) && (
              <text x={MARGIN.left + slot * (i + 0.5)} y={HEIGHT - 8} text-anchor="middle">
                {category}
              </text>
            )}
          </g>
        ))}
      </svg>
      <div class="legend">
        {series.map((s, k) => (
          <span key={s.name}>
            <i class={`bars series-${k}`} />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
