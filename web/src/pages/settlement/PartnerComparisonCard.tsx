import { useState } from 'preact/hooks';
import type { Statement } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { IdText } from '../../components/ui/IdText';
import { Table } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/** Compares the partner's statement (their CSV: cdr_id and total_excl_vat at least) with ours, line by line. */
export function PartnerComparisonCard({ statement, onCompared }: { statement: Statement; onCompared: () => void }) {
  const { api } = useConsole();
  const [csv, setCsv] = useState('');
  const compare = useAction(async () => {
    await api.comparePartnerStatement(statement.id, csv);
    onCompared();
  });
  const comparison = statement.partner_comparison;
  const loadFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };

  return (
    <Card title="Partner's statement" subtitle="Paste or pick the partner's CSV to find the lines you disagree on" testid="partner-comparison">
      <div class="form">
        {comparison && (
          <div class={comparison.agreed ? 'notice success' : 'notice warn'} data-testid="comparison-result">
            {comparison.agreed
              ? `Agreed: all ${comparison.matched} lines match (compared ${formatDateTime(comparison.compared_at)}).`
              : `${comparison.differences.length} differences: ${comparison.matched} of our ${comparison.our_lines} lines match their ${comparison.their_lines} (compared ${formatDateTime(comparison.compared_at)}).`}
          </div>
        )}
        {comparison && comparison.differences.length > 0 && (
          <Table
            rows={comparison.differences}
            head={
              <>
                <th>CDR</th>
                <th>Difference</th>
                <th>Ours</th>
                <th>Theirs</th>
                <th class="num">Their line</th>
              </>
            }
          >
            {(d, i) => (
              <tr key={i}>
                <td>
                  <IdText id={d.cdr_id} />
                </td>
                <td>{d.kind.replace(/_/g, ' ')}</td>
                <td class="mono">{d.ours === undefined ? '—' : JSON.stringify(d.ours)}</td>
                <td class="mono">{d.theirs === undefined ? '—' : JSON.stringify(d.theirs)}</td>
                <td class="num">{d.line ?? '—'}</td>
              </tr>
            )}
          </Table>
        )}
        <textarea rows={5} placeholder="cdr_id,total_excl_vat,…" value={csv} onInput={(e) => setCsv(e.currentTarget.value)} data-testid="partner-csv" />
        <div class="row">
          <input type="file" accept=".csv,text/csv" onChange={loadFile} aria-label="Partner CSV file" />
          <span class="spacer" />
          <button type="button" class="btn" disabled={compare.busy || !csv.trim()} onClick={() => compare.run()} data-testid="compare-partner">
            Compare
          </button>
        </div>
        <ErrorNotice error={compare.error} />
      </div>
    </Card>
  );
}
