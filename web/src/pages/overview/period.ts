import type { Bucket } from '../../api/types';

export type PeriodKey = '7d' | '30d' | '90d' | '12m';

export const PERIODS: Array<{ value: PeriodKey; label: string }> = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '12m', label: '12 months' },
];

export interface PeriodRange {
  from: string;
  to: string;
  bucket: Bucket;
}

/**
 * The window of a period choice, ending now and starting at a bucket boundary in UTC (midnight,
 * Monday, the 1st), so every bucket but the current one is whole.
 */
export function periodRange(key: PeriodKey, now = new Date()): PeriodRange {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = 86_400_000;
  const to = now.toISOString();
  switch (key) {
    case '7d':
      return { from: new Date(midnight - 6 * day).toISOString(), to, bucket: 'day' };
    case '30d':
      return { from: new Date(midnight - 29 * day).toISOString(), to, bucket: 'day' };
    case '90d': {
      const monday = midnight - ((now.getUTCDay() + 6) % 7) * day;
      return { from: new Date(monday - 12 * 7 * day).toISOString(), to, bucket: 'week' };
    }
    case '12m':
      return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString(), to, bucket: 'month' };
  }
}
