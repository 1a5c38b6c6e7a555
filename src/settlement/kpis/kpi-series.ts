import { ApiError } from '../../api/api-error.js';
import type { KpiReport, KpiRequest, KpiService } from './kpi-service.js';

export type KpiBucket = 'day' | 'week' | 'month';
export const KPI_BUCKETS: readonly KpiBucket[] = ['day', 'week', 'month'];

/** A chart of a year of days is the longest series asked for at once. */
const MAX_POINTS = 366;

/** Reports computed at once: each runs a handful of queries, and the pool serves requests too. */
const PARALLEL_REPORTS = 4;

export interface KpiPoint {
  from: string;
  to: string;
  figures: KpiReport;
}

/**
 * The KPIs per calendar bucket (UTC days, ISO weeks from Monday, months) over [from, to): one
 * `KpiService.report` per bucket, the first and last cut to the period, so the points add up to
 * the period's events.
 */
export async function kpiSeries(service: KpiService, request: KpiRequest, bucket: KpiBucket): Promise<{ bucket: KpiBucket; points: KpiPoint[] }> {
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let start = bucketStart(request.from, bucket); start < request.to; start = nextBucket(start, bucket)) {
    if (windows.length === MAX_POINTS) {
      throw new ApiError(400, `Invalid field bucket: the period holds more than ${MAX_POINTS} ${bucket}s; choose a larger bucket or a shorter period`, 'bucket');
    }
    const end = nextBucket(start, bucket);
    windows.push({ from: start < request.from ? request.from : start, to: end > request.to ? request.to : end });
  }
  const points: KpiPoint[] = new Array(windows.length);
  let next = 0;
  const worker = async () => {
    while (next < windows.length) {
      const index = next++;
      const window = windows[index]!;
      const figures = await service.report({ ...request, from: window.from, to: window.to });
      points[index] = { from: window.from.toISOString(), to: window.to.toISOString(), figures };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REPORTS, windows.length) }, worker));
  return { bucket, points };
}

function bucketStart(at: Date, bucket: KpiBucket): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (bucket === 'day') return day;
  if (bucket === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  // ISO 8601 weeks start on Monday.
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

function nextBucket(start: Date, bucket: KpiBucket): Date {
  if (bucket === 'day') return new Date(start.getTime() + 86_400_000);
  if (bucket === 'week') return new Date(start.getTime() + 7 * 86_400_000);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}
