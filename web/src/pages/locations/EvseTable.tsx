import type { Location } from '../../api/types';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatAgo } from '../../lib/format';

export function EvseTable({ location }: { location: Location }) {
  return (
    <Table
      rows={(location.evses ?? [])}
      head={
        <>
          <th>EVSE</th>
          <th>EVSE ID</th>
          <th>Status</th>
          <th>Connectors</th>
          <th>Updated</th>
        </>
      }
    >
      {(evse) => (
        <tr key={evse.uid} data-testid={`evse-${evse.uid}`}>
          <td class="mono">{evse.uid}</td>
          <td class="mono">{evse.evse_id ?? '—'}</td>
          <td>
            <StatusBadge status={evse.status} />
          </td>
          <td class="small">
            {evse.connectors.map((c) => (
              <div key={c.id}>
                {c.id}: {c.standard.replace(/_/g, ' ')} · {c.power_type.replace(/_/g, ' ')}
                {c.max_electric_power ? ` · ${c.max_electric_power / 1000} kW` : ''}
              </div>
            ))}
          </td>
          <td class="small muted nowrap">{formatAgo(evse.last_updated)}</td>
        </tr>
      )}
    </Table>
  );
}
