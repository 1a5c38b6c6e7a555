import { moneyNumber } from '../money.js';
import { AUTHORIZATION_METHODS, type Durations, type KpiFigures, type Rate } from './kpi-figures.js';
import type { KpiReport } from './kpi-service.js';
import type { Metric, MetricSample } from './prometheus-text.js';

const RATES = ['cdr_acceptance_rate', 'session_success_rate', 'partner_endpoint_availability'] as const;
const DURATIONS = ['time_from_session_end_to_cdr', 'settlement_cycle_time', 'push_delivery_latency'] as const;

export interface OpenFindings {
  role: string;
  type: string;
  currency: string;
  count: number;
  amount_at_risk: string;
}

/**
 * The KPI report and the open findings as Prometheus gauges. Figures for all partners carry no
 * `counterpart` label; each partner's carry its `CC-PID`. Rates without events are left out.
 */
export function kpiMetrics(report: KpiReport, findings: readonly OpenFindings[]): Metric[] {
  const ratio: MetricSample[] = [];
  const events: MetricSample[] = [];
  const seconds: MetricSample[] = [];
  const observations: MetricSample[] = [];
  const add = (figures: KpiFigures, scope: Record<string, string>) => {
    const rate = (kpi: string, value: Rate, extra: Record<string, string> = {}) => {
      const labels = { kpi, ...extra, ...scope };
      if (value.value !== null) ratio.push({ labels, value: value.value });
      events.push({ labels: { ...labels, outcome: 'succeeded' }, value: value.succeeded }, { labels: { ...labels, outcome: 'all' }, value: value.total });
    };
    rate('authorization_success_rate', figures.authorization_success_rate);
    for (const method of AUTHORIZATION_METHODS) rate('authorization_success_rate', figures.authorization_success_rate.by_method[method], { method });
    for (const kpi of RATES) rate(kpi, figures[kpi]);
    for (const kpi of DURATIONS) {
      const value: Durations = figures[kpi];
      observations.push({ labels: { kpi, ...scope }, value: value.count });
      for (const [statistic, v] of [['mean', value.average_seconds], ['p50', value.p50_seconds], ['p95', value.p95_seconds]] as const) {
        if (v !== null) seconds.push({ labels: { kpi, statistic, ...scope }, value: v });
      }
    }
  };
  add(report, {});
  for (const [counterpart, figures] of Object.entries(report.by_partner)) add(figures, { counterpart });

  const period = `events from ${report.period.from} to ${report.period.to}`;
  return [
    { name: 'evroam_kpi_ratio', help: `Roaming KPI rates (docs/SETTLEMENT.md), ${period}.`, type: 'gauge', samples: ratio },
    { name: 'evroam_kpi_events', help: `Events behind each KPI rate: succeeded and all, ${period}.`, type: 'gauge', samples: events },
    { name: 'evroam_kpi_seconds', help: `Roaming KPI durations in seconds: mean, p50, p95, ${period}.`, type: 'gauge', samples: seconds },
    { name: 'evroam_kpi_observations', help: `Observations behind each KPI duration, ${period}.`, type: 'gauge', samples: observations },
    {
      name: 'evroam_reconciliation_open_findings',
      help: 'Open reconciliation findings by role and type.',
      type: 'gauge',
      samples: findings.map((f) => ({ labels: { role: f.role, type: f.type, currency: f.currency }, value: f.count })),
    },
    {
      name: 'evroam_reconciliation_amount_at_risk',
      help: 'Amount at risk of the open reconciliation findings, by role, type and currency.',
      type: 'gauge',
      samples: findings.map((f) => ({ labels: { role: f.role, type: f.type, currency: f.currency }, value: moneyNumber(f.amount_at_risk) })),
    },
  ];
}
