import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { dateParam, partyParam } from '../api-params.js';
import type { OpenFindings } from './kpi-metrics.js';
import { kpiMetrics } from './kpi-metrics.js';
import type { KpiService } from './kpi-service.js';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheus-text.js';

/** Without `from`, the KPIs cover the 30 days before `to` (default: now). */
const DEFAULT_PERIOD_MS = 30 * 24 * 3_600_000;

/**
 * `GET /api/kpis` (JSON, `party`, `from`, `to`) and `GET /api/metrics` (Prometheus text of the
 * same figures over the last 30 days, plus the open findings). Both sit behind the admin token;
 * Prometheus sends it with `authorization: { credentials: … }` in its scrape config.
 */
export function kpiApi(app: FastifyInstance, service: KpiService, openFindings: () => Promise<OpenFindings[]>): void {
  app.get('/kpis', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const to = dateParam(query.to, 'to') ?? new Date();
    const from = dateParam(query.from, 'from') ?? new Date(to.getTime() - DEFAULT_PERIOD_MS);
    if (from >= to) throw new ApiError(400, 'Invalid field from: must be before to', 'from');
    return service.report({ from, to, party: partyParam(query.party, 'party') });
  });

  app.get('/metrics', async (_request, reply) => {
    const to = new Date();
    const report = await service.report({ from: new Date(to.getTime() - DEFAULT_PERIOD_MS), to });
    reply.type(PROMETHEUS_CONTENT_TYPE);
    return prometheusText(kpiMetrics(report, await openFindings()));
  });
}
