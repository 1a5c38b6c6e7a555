import type { Statement } from '../../api/types';
import { href } from '../../app/router';
import { Badge } from '../../components/ui/Badge';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatKwh, formatMoney } from '../../lib/format';

/** One line per CDR (credits included): a disputed line is held apart from the totals, a late one came after its period closed. */
export function StatementLines({ statement }: { statement: Statement }) {
  const lines = statement.lines ?? [];
  return (
    <Card flush title="Lines" subtitle={`${lines.length} CDRs`} testid="statement-lines">
      {<Table
  rows={lines}
  empty={<Empty>No CDRs in this period.</Empty>}
  head={
    <>
      <th>CDR</th>
      <th>Session ended</th>
      <th>EVSE</th>
      <th class="num">Energy</th>
      <th class="num">Excl. VAT</th>
      <th class="num">VAT</th>
      <th class="num">Incl. VAT</th>
      <th />
    </>
  }
>
  {(line) => (
    <tr key={line.cdr_id} data-testid={`line-${line.cdr_id}`}>
      <td>{line.session_id ? <a href={href('sessions', line.session_id)}><IdText id={line.cdr_id} /></a> : <IdText id={line.cdr_id} />}</td>
      <td class="small nowrap">{formatDateTime(line.end_date_time)}</td>
      <td class="mono">{line.evse_id ?? '—'}</td>
      <td class="num">{formatKwh(line.energy_kwh)}</td>
      <td class="num">{formatMoney(line.total_excl_vat, line.currency)}</td>
      <td class="num">{formatMoney(line.vat, line.currency)}</td>
      <td class="num">{formatMoney(line.total_incl_vat, line.currency)}</td>
      <td>
        <span class="row">
          {line.credit && <Badge tone="info">credit</Badge>}
          {line.disputed && <Badge tone="warn">disputed</Badge>}
          {line.late && <Badge tone="warn">late</Badge>}
        </span>
      </td>
    </tr>
  )}
</Table>}
    </Card>
  );
}
