import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { dateParam, partyParam } from '../api-params.js';
import type { OpenFindings } from './kpi-metrics.js';
import { kpiMetrics } from './kpi-metrics.js';
import type { KpiRequest, KpiService } from './kpi-service.js';
import { KPI_BUCKETS, kpiSeries, type KpiBucket } from './kpi-series.js';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheus-text.js';

/** Without `from`, the KPIs cover the 30 days before `to` (default: now). */
const DEFAULT_PERIOD_MS = 30 * 24 * 3_600_000;

/**
 * `GET /api/kpis` (JSON, `party`, `from`, `to`) and `GET /api/metrics` ({@link metricsText}). Both
 * sit behind the admin token; the service root serves the same text at `/metrics`.
 */
export function kpiApi(app: FastifyInstance, service: KpiService, openFindings: () => Promise<OpenFindings[]>): void {
  app.get('/kpis', async (request) => service.report(kpiRequest(request.query as Record<string, string | undefined>)));

  app.get('/kpis/series', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const bucket = (query.bucket ?? 'day') as KpiBucket;
    if (!KPI_BUCKETS.includes(bucket)) throw new ApiError(400, `Invalid field bucket: one of ${KPI_BUCKETS.join(', ')}, got "${query.bucket}"`, 'bucket');
    return kpiSeries(service, kpiRequest(query), bucket);
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(PROMETHEUS_CONTENT_TYPE);
    return metricsText(service, openFindings);
  });
}

/** The KPIs of the last 30 days and the open findings, as Prometheus text. */
export async function metricsText(service: KpiService, openFindings: () => Promise<OpenFindings[]>): Promise<string> {
  const to = new Date();
  const report = await service.report({ from: new Date(to.getTime() - DEFAULT_PERIOD_MS), to });
  return prometheusText(kpiMetrics(report, await openFindings()));
}

/** `from`, `to` and `party` of the KPI routes: the 30 days before `to` (default: now) unless `from` says otherwise. */
function kpiRequest(query: Record<string, string | undefined>): KpiRequest {
  const to = dateParam(query.to, 'to') ?? new Date();
  const from = dateParam(query.from, 'from') ?? new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from >= to) throw new ApiError(400, 'Invalid field from: must be before to', 'from');
  return { from, to, party: partyParam(query.party, 'party') };
}
