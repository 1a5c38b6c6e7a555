import { href, navigate } from '../../app/router';
import { Badge } from '../../components/ui/Badge';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatKwh, formatMoney } from '../../lib/format';
import type { CdrRow } from './rows';

export function CdrTable({ rows }: { rows: CdrRow[] }) {
  return (
    <Table
      rows={rows}
      empty={<Empty testid="no-cdrs">No CDRs.</Empty>}
      testid="cdr-table"
      head={
        <>
          <th>CDR</th>
          <th>Ended</th>
          <th>Location / EVSE</th>
          <th>Token</th>
          <th>Partner</th>
          <th class="num">Energy</th>
          <th class="num">Cost excl. VAT</th>
          <th />
        </>
      }
    >
      {({ cdr, counterpart, flagged }) => {
        const trace = cdr.session_id ? href('sessions', cdr.session_id) : undefined;
        return (
          <tr key={cdr.id} class={trace ? 'clickable' : undefined} onClick={() => trace && navigate(trace)} data-testid={`cdr-${cdr.id}`}>
            <td>
              <IdText id={cdr.id} />
            </td>
            <td class="small nowrap">{formatDateTime(cdr.end_date_time)}</td>
            <td class="small">
              {cdr.cdr_location.name ?? cdr.cdr_location.id} · {cdr.cdr_location.evse_id}
            </td>
            <td class="mono">{cdr.cdr_token.uid}</td>
            <td>{counterpart}</td>
            <td class="num">{formatKwh(cdr.total_energy)}</td>
            <td class="num">{formatMoney(cdr.total_cost.excl_vat, cdr.currency)}</td>
            <td>
              <span class="row">
                {cdr.credit && <Badge tone="info">credit</Badge>}
                {flagged && <Badge tone="warn">price differs</Badge>}
              </span>
            </td>
          </tr>
        );
      }}
    </Table>
  );
}
