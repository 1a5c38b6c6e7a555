import type { KpiFigures, KpiSeries } from '../../api/types';
import { durationTicks } from '../../components/charts/scale';
import { TimeChart } from '../../components/charts/TimeChart';
import { formatBucketLabel, formatCount, formatPercent, formatSeconds } from '../../lib/format';
import { durationOf, rateOf, type KpiDefinition } from './kpi-catalog';

/**
 * One KPI: its figure over the whole period (from GET /api/kpis) and its course per bucket
 * (GET /api/kpis/series) — the rate as a line over the event volume, or a duration's median and
 * 95th percentile.
 */
export function KpiCard({ kpi, overall, series }: { kpi: KpiDefinition; overall: KpiFigures; series: KpiSeries }) {
  const labels = series.points.map((p) => formatBucketLabel(p.from, series.bucket));
  const when = (i: number) => labels[i] ?? '';
  return (
    <section class="card" data-testid={`kpi-${kpi.key}`}>
      {kpi.kind === 'rate' ? <RateBody kpi={kpi} overall={overall} series={series} labels={labels} when={when} /> : <DurationBody kpi={kpi} overall={overall} series={series} labels={labels} when={when} />}
    </section>
  );
}

interface BodyProps {
  kpi: KpiDefinition;
  overall: KpiFigures;
  series: KpiSeries;
  labels: string[];
  when: (i: number) => string;
}

function RateBody({ kpi, overall, series, labels, when }: BodyProps) {
  const figure = rateOf(overall, kpi.key);
  const points = series.points.map((p) => rateOf(p.figures, kpi.key));
  return (
    <>
      <Head kpi={kpi} value={formatPercent(figure.value)} basis={figure.total ? `${formatCount(figure.succeeded)} of ${formatCount(figure.total)} ${kpi.unit}` : `no ${kpi.unit} in this period`} />
      <TimeChart
        title={`${kpi.label} per ${series.bucket}`}
        testid={`chart-${kpi.key}`}
        labels={labels}
        yMax={1}
        formatY={(v) => `${Math.round(v * 100)}%`}
        bars={{ name: kpi.unit, values: points.map((p) => p.total) }}
        lines={[{ name: 'rate', values: points.map((p) => p.value) }]}
        describe={(i) => `${when(i)}: ${formatPercent(points[i]?.value)} (${points[i]?.succeeded ?? 0} of ${points[i]?.total ?? 0} ${kpi.unit})`}
      />
      <div class="legend">
        <span>
          <i class="line" />
          success rate
        </span>
        <span>
          <i class="bars" />
          {kpi.unit} (right axis)
        </span>
      </div>
    </>
  );
}

function DurationBody({ kpi, overall, series, labels, when }: BodyProps) {
  const figure = durationOf(overall, kpi.key);
  const points = series.points.map((p) => durationOf(p.figures, kpi.key));
  return (
    <>
      <Head
        kpi={kpi}
        value={formatSeconds(figure.p50_seconds)}
        basis={figure.count ? `median · p95 ${formatSeconds(figure.p95_seconds)} · ${formatCount(figure.count)} ${kpi.unit}` : `no ${kpi.unit} in this period`}
      />
      <TimeChart
        title={`${kpi.label} per ${series.bucket}`}
        testid={`chart-${kpi.key}`}
        labels={labels}
        formatY={formatSeconds}
        ticksFor={durationTicks}
        bars={{ name: kpi.unit, values: points.map((p) => p.count) }}
        lines={[
          { name: 'p50', values: points.map((p) => p.p50_seconds) },
          { name: 'p95', values: points.map((p) => p.p95_seconds), second: true },
        ]}
        describe={(i) => `${when(i)}: median ${formatSeconds(points[i]?.p50_seconds)}, p95 ${formatSeconds(points[i]?.p95_seconds)} (${points[i]?.count ?? 0} ${kpi.unit})`}
      />
      <div class="legend">
        <span>
          <i class="line" />
          median
        </span>
        <span>
          <i class="line second" />
          95th percentile
        </span>
        <span>
          <i class="bars" />
          {kpi.unit} (right axis)
        </span>
      </div>
    </>
  );
}

function Head({ kpi, value, basis }: { kpi: KpiDefinition; value: string; basis: string }) {
  return (
    <div class="kpi-head">
      <div>
        <h2>{kpi.label}</h2>
        <p class="small muted">{kpi.about}</p>
      </div>
      <div>
        <div class="kpi-value" data-testid={`kpi-value-${kpi.key}`}>
          {value}
        </div>
        <div class="kpi-basis" data-testid={`kpi-basis-${kpi.key}`}>
          {basis}
        </div>
      </div>
    </div>
  );
}
