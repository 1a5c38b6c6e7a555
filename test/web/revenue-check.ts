import type { Page } from 'playwright-core';
import { expect } from 'vitest';

type Figures = Record<string, string | number>;

export interface RevenueReport {
  role: 'CPO' | 'EMSP';
  currencies: Record<string, { totals: Figures; by_partner: Record<string, Figures>; by_location: Record<string, Figures>; by_period: Record<string, Figures> }>;
}

/** The money figures of each role's report, the columns of the page's tables. */
const MONEY: Record<RevenueReport['role'], string[]> = {
  CPO: ['gross', 'credits', 'written_off', 'fees', 'net'],
  EMSP: ['retail_revenue', 'roaming_cost', 'fees', 'margin'],
};
/** What the bar chart draws per period. */
const CHARTED: Record<RevenueReport['role'], string[]> = {
  CPO: ['gross', 'net'],
  EMSP: ['retail_revenue', 'roaming_cost', 'margin'],
};

/** Money as the console writes it in an en-US browser: two to four decimals and the currency. */
const money = (value: string | number, currency: string) => `${Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })} ${currency}`;

/**
 * Reads the revenue page open in `page`, asks the API for the same window (the page's data-from
 * and data-to), and checks every tile, table cell and bar against the API's figures.
 */
export async function expectRevenueOfApi(page: Page, fetchReport: (query: string) => Promise<RevenueReport>): Promise<RevenueReport> {
  const revenue = page.getByTestId('revenue');
  await revenue.waitFor();
  const from = (await revenue.getAttribute('data-from'))!;
  const to = (await revenue.getAttribute('data-to'))!;
  const report = await fetchReport(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  const currencies = Object.entries(report.currencies);
  expect(currencies.length, 'currencies in the report').toBeGreaterThan(0);

  for (const [currency, breakdown] of currencies) {
    const section = page.getByTestId(`revenue-${currency}`);
    await section.waitFor();
    expect(await section.getByTestId('revenue-total-sessions').locator('.tile-value').textContent()).toBe(String(breakdown.totals.sessions));
    for (const key of MONEY[report.role]) {
      expect(await section.getByTestId(`revenue-total-${key}`).locator('.tile-value').textContent(), key).toBe(money(breakdown.totals[key]!, currency));
    }
    for (const [table, rows] of [['revenue-by-partner', breakdown.by_partner], ['revenue-by-location', breakdown.by_location], ['revenue-by-period', breakdown.by_period]] as const) {
      const shown = section.getByTestId(table);
      expect(await shown.locator('tbody tr').count(), table).toBe(Object.keys(rows).length);
      for (const [key, figures] of Object.entries(rows)) {
        const row = shown.getByTestId(`revenue-row-${key}`);
        expect(await row.locator('[data-figure="sessions"]').textContent(), `${table} ${key}`).toBe(String(figures.sessions));
        for (const figure of MONEY[report.role]) {
          const cell = row.locator(`[data-figure="${figure}"]`);
          expect(await cell.getAttribute('data-value'), `${table} ${key} ${figure}`).toBe(String(figures[figure]));
          expect(await cell.textContent(), `${table} ${key} ${figure}`).toBe(money(figures[figure]!, currency));
        }
      }
    }
    // One bar per period and charted figure, at the API's value.
    const bars = (await section
      .getByTestId(`revenue-chart-${currency}`)
      .locator('rect.bar')
      .evaluateAll((rects) => rects.map((r) => [r.getAttribute('data-category'), Number(r.getAttribute('data-value'))]))) as Array<[string, number]>;
    const expected = Object.entries(breakdown.by_period).flatMap(([period, figures]) => CHARTED[report.role].map((key) => [period, Number(figures[key])]));
    expect(bars).toEqual(expected);
  }
  return report;
}
