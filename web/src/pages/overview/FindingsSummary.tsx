import type { Finding } from '../../api/types';
import { href } from '../../app/router';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { Table } from '../../components/ui/Table';
import { formatMoney } from '../../lib/format';

/** Open reconciliation findings by type, with the amount at risk per currency. */
export function FindingsSummary({ findings }: { findings: Finding[] }) {
  const byType = new Map<string, { count: number; amounts: Map<string, number> }>();
  for (const finding of findings) {
    const row = byType.get(finding.type) ?? { count: 0, amounts: new Map() };
    row.count++;
    row.amounts.set(finding.currency, (row.amounts.get(finding.currency) ?? 0) + finding.amount_at_risk);
    byType.set(finding.type, row);
  }
  return (
    <Card title="Open findings" subtitle="Reconciliation problems not resolved yet" actions={<a href={href('settlement', 'findings')}>All findings →</a>} testid="overview-findings">
      {findings.length === 0 ? (
        <Empty>No open findings: every session, CDR and delivery reconciles.</Empty>
      ) : (
        <Table
          rows={[...byType]}
          head={
            <>
              <th>Type</th>
              <th class="num">Findings</th>
              <th class="num">Amount at risk</th>
            </>
          }
        >
          {([type, row]) => (
            <tr key={type}>
              <td>{type.replace(/_/g, ' ')}</td>
              <td class="num">{row.count}</td>
              <td class="num">
                {[...row.amounts].map(([currency, amount]) => (
                  <div key={currency}>{formatMoney(amount, currency)}</div>
                ))}
              </td>
            </tr>
          )}
        </Table>
      )}
    </Card>
  );
}

/** The amount at risk of findings, per currency: "12.80 EUR · 3.00 GBP". */
export function amountsAtRisk(findings: Finding[]): string {
  const totals = new Map<string, number>();
  for (const f of findings) totals.set(f.currency, (totals.get(f.currency) ?? 0) + f.amount_at_risk);
  return totals.size === 0 ? formatMoney(0, 'EUR') : [...totals].map(([currency, amount]) => formatMoney(amount, currency)).join(' · ');
}
