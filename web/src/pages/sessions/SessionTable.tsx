import { href, navigate } from '../../app/router';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatKwh, formatMoney } from '../../lib/format';
import type { SessionRow } from './rows';

export function SessionTable({ rows }: { rows: SessionRow[] }) {
  return (
    <Table
      rows={rows}
      empty={<Empty testid="no-sessions">No sessions.</Empty>}
      testid="session-table"
      head={
        <>
          <th>Session</th>
          <th>Started</th>
          <th>Location / EVSE</th>
          <th>Token</th>
          <th>Partner</th>
          <th class="num">Energy</th>
          <th class="num">Cost excl. VAT</th>
          <th>Status</th>
        </>
      }
    >
      {({ session: s, counterpart }) => (
        <tr key={s.id} class="clickable" onClick={() => navigate(href('sessions', s.id))} data-testid={`session-${s.id}`}>
          <td>
            <a href={href('sessions', s.id)}>
              <IdText id={s.id} />
            </a>
          </td>
          <td class="small nowrap">{formatDateTime(s.start_date_time)}</td>
          <td class="small">
            {s.location_id} · {s.evse_uid}
          </td>
          <td class="mono">{s.cdr_token.uid}</td>
          <td>{counterpart}</td>
          <td class="num">{formatKwh(s.kwh)}</td>
          <td class="num">{formatMoney(s.total_cost?.excl_vat, s.currency)}</td>
          <td>
            <StatusBadge status={s.status} />
          </td>
        </tr>
      )}
    </Table>
  );
}
