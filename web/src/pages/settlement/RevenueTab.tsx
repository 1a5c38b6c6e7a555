import { useState } from 'preact/hooks';
import type { Role } from '../../api/types';
import { hasRole, useConsole } from '../../app/console-context';
import { BarChart } from '../../components/charts/BarChart';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { Field } from '../../components/ui/Field';
import { Segmented } from '../../components/ui/Segmented';
import { Tile } from '../../components/ui/Tile';
import { formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { CHART_SERIES, figure, monthOf, monthStart, REVENUE_COLUMNS, type RevenueFigures } from './revenue-figures';
import { RevenueTable } from './RevenueTable';

type SettlingRole = Extract<Role, 'CPO' | 'EMSP'>;

/**
 * Revenue from the statements of the periods in view (docs/SETTLEMENT.md, "Revenue"), excl. VAT:
 * a CPO's gross and net, an eMSP's retail revenue, roaming cost and margin; per currency, by
 * partner, location and period, and the periods as bars. The window is whole months, by default
 * the twelve up to the current one, as `evroam revenue` reports.
 */
export function RevenueTab() {
  const { api, party } = useConsole();
  const now = new Date();
  const [fromMonth, setFromMonth] = useState(() => monthOf(now, -11));
  const [toMonth, setToMonth] = useState(() => monthOf(now));
  const roles = (['CPO', 'EMSP'] as const).filter((r) => hasRole(party, r));
  const [chosenRole, setRole] = useState<SettlingRole>(roles[0] ?? 'CPO');
  const from = monthStart(fromMonth).toISOString();
  const to = monthStart(monthOf(monthStart(toMonth), 1)).toISOString();
  const report = useLoad(() => api.revenue({ party: party.party, role: roles.length > 1 ? chosenRole : undefined, from, to }), [api, party.party, chosenRole, from, to]);

  return (
    <div class="stack" data-testid="revenue" data-from={from} data-to={to}>
      <Card
        title="Revenue"
        subtitle="From the statements of the periods starting in these months, excl. VAT"
        actions={
          <div class="filters">
            <Field label="From">
              <input type="month" value={fromMonth} max={toMonth} onChange={(e) => e.currentTarget.value && setFromMonth(e.currentTarget.value)} data-testid="revenue-from" />
            </Field>
            <Field label="To (including)">
              <input type="month" value={toMonth} min={fromMonth} onChange={(e) => e.currentTarget.value && setToMonth(e.currentTarget.value)} data-testid="revenue-to" />
            </Field>
            {roles.length > 1 && <Segmented label="Role" value={chosenRole} onChange={setRole} choices={roles.map((r) => ({ value: r, label: r }))} />}
          </div>
        }
      >
        <Async state={report}>
          {(data) =>
            Object.keys(data.currencies).length === 0 ? (
              <Empty testid="revenue-empty">No statements for periods starting in these months: build them under Statements.</Empty>
            ) : (
              <p class="small muted" data-testid="revenue-role">
                {data.party} as {data.role}: {data.role === 'CPO' ? 'net = gross + credits − written off − fees' : 'margin = retail revenue − roaming cost − fees'}
              </p>
            )
          }
        </Async>
      </Card>
      {report.data &&
        Object.entries(report.data.currencies).map(([currency, breakdown]) => (
          <CurrencyRevenue key={currency} role={report.data!.role} currency={currency} totals={breakdown.totals} byPartner={breakdown.by_partner} byLocation={breakdown.by_location} byPeriod={breakdown.by_period} />
        ))}
    </div>
  );
}

interface CurrencyRevenueProps {
  role: SettlingRole;
  currency: string;
  totals: RevenueFigures;
  byPartner: Record<string, RevenueFigures>;
  byLocation: Record<string, RevenueFigures>;
  byPeriod: Record<string, RevenueFigures>;
}

function CurrencyRevenue({ role, currency, totals, byPartner, byLocation, byPeriod }: CurrencyRevenueProps) {
  const columns = REVENUE_COLUMNS[role];
  const periods = Object.keys(byPeriod);
  const money = (value: number) => formatMoney(value, currency);
  return (
    <section class="stack" data-testid={`revenue-${currency}`}>
      <div class="grid tiles">
        <Tile label="Sessions" value={String(totals.sessions)} testid="revenue-total-sessions" />
        {columns.map((c) => (
          <Tile key={c.key} label={c.label} value={formatMoney(figure(totals, c.key), currency)} tone={c.bottomLine && Number(figure(totals, c.key)) < 0 ? 'bad' : undefined} testid={`revenue-total-${c.key}`} />
        ))}
      </div>
      <Card title={`Per period, ${currency}`} subtitle="Each statement period's figures">
        <BarChart
          title={`Revenue per period in ${currency}`}
          testid={`revenue-chart-${currency}`}
          categories={periods}
          series={CHART_SERIES[role].map((c) => ({ name: c.label, values: periods.map((p) => Number(figure(byPeriod[p]!, c.key))) }))}
          formatY={money}
        />
      </Card>
      <RevenueTable title="By partner" first="Partner" rows={byPartner} columns={columns} currency={currency} testid="revenue-by-partner" />
      <RevenueTable title="By location" first="Location" rows={byLocation} columns={columns} currency={currency} testid="revenue-by-location" />
      <RevenueTable title="By period" first="Period" rows={byPeriod} columns={columns} currency={currency} testid="revenue-by-period" />
    </section>
  );
}
