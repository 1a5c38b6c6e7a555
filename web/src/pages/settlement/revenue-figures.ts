import type { CpoRevenue, EmspRevenue } from '../../api/types';

export type RevenueFigures = CpoRevenue | EmspRevenue;

export interface RevenueColumn {
  key: string;
  label: string;
  /** The headline column: the tile that stands out, and the last column of each table. */
  bottomLine?: boolean;
}

/** The money figures of each role's report (docs/SETTLEMENT.md, "Revenue"), in the order they add up. */
export const REVENUE_COLUMNS: Record<'CPO' | 'EMSP', RevenueColumn[]> = {
  CPO: [
    { key: 'gross', label: 'Gross' },
    { key: 'credits', label: 'Credits' },
    { key: 'written_off', label: 'Written off' },
    { key: 'fees', label: 'Fees' },
    { key: 'net', label: 'Net', bottomLine: true },
  ],
  EMSP: [
    { key: 'retail_revenue', label: 'Retail revenue' },
    { key: 'roaming_cost', label: 'Roaming cost' },
    { key: 'fees', label: 'Fees' },
    { key: 'margin', label: 'Margin', bottomLine: true },
  ],
};

/** What the chart compares per period: billed against kept (CPO), earned against paid and kept (eMSP). */
export const CHART_SERIES: Record<'CPO' | 'EMSP', RevenueColumn[]> = {
  CPO: [REVENUE_COLUMNS.CPO[0]!, REVENUE_COLUMNS.CPO[4]!],
  EMSP: [REVENUE_COLUMNS.EMSP[0]!, REVENUE_COLUMNS.EMSP[1]!, REVENUE_COLUMNS.EMSP[3]!],
};

/** A figure as the API gives it: decimal text. */
export const figure = (figures: RevenueFigures, key: string): string => (figures as unknown as Record<string, string>)[key] ?? '0';

/** `2026-03` → the first instant of that month in UTC. */
export function monthStart(month: string): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, m! - 1, 1));
}

/** A month as `YYYY-MM`, `offset` months from the one `now` is in (UTC). */
export function monthOf(now: Date, offset = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
