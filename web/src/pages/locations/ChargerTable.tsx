import type { Charger, Location } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { Empty } from '../../components/ui/Empty';
import { Table } from '../../components/ui/Table';
import { formatAgo, formatDateTime } from '../../lib/format';

export function ChargerTable({ chargers, locations, selected, onSelect }: { chargers: Charger[]; locations: Location[]; selected?: string; onSelect: (id: string) => void }) {
  return (
    <Table
      rows={chargers}
      empty={<Empty>No chargers registered: add one with evroam charger add.</Empty>}
      head={
        <>
          <th>Charger</th>
          <th>Location</th>
          <th>Connection</th>
          <th>OCPP</th>
          <th>Model</th>
          <th>Last boot</th>
          <th>Last message</th>
        </>
      }
    >
      {(c) => (
        <tr key={c.id} class={c.id === selected ? 'clickable selected' : 'clickable'} onClick={() => onSelect(c.id)} data-testid={`charger-${c.id}`}>
          <td class="mono">{c.id}</td>
          <td>{locations.find((l) => l.id === c.location_id)?.name ?? c.location_id}</td>
          <td>
            <Badge tone={c.connected ? 'ok' : 'neutral'} testid="charger-connection">
              <span class="dot" />
              {c.connected ? 'connected' : 'offline'}
            </Badge>
          </td>
          <td>{c.ocpp_version ?? c.boot?.version ?? '—'}</td>
          <td class="small">{[c.boot?.vendor, c.boot?.model].filter(Boolean).join(' ') || '—'}</td>
          <td class="small nowrap" title={formatDateTime(c.last_boot_at ?? c.booted_at)}>
            {formatAgo(c.last_boot_at ?? c.booted_at)}
          </td>
          <td class="small nowrap" title={formatDateTime(c.last_message_at)}>
            {formatAgo(c.last_message_at)}
          </td>
        </tr>
      )}
    </Table>
  );
}
