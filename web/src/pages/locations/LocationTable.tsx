import type { Location } from '../../api/types';
import { Empty } from '../../components/ui/Empty';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { statusCounts } from './location-status';

export function LocationTable({ locations, selected, onSelect }: { locations: Location[]; selected?: string; onSelect: (id: string) => void }) {
  return (
    <Table
      rows={locations}
      empty={<Empty>No locations yet: import them with evroam import locations.</Empty>}
      head={
        <>
          <th>Location</th>
          <th>City</th>
          <th>EVSE statuses</th>
        </>
      }
    >
      {(l) => (
        <tr key={l.id} class={l.id === selected ? 'clickable selected' : 'clickable'} onClick={() => onSelect(l.id)} data-testid={`location-${l.id}`}>
          <td>
            <div>{l.name ?? l.id}</div>
            <div class="small faint mono">{l.id}</div>
          </td>
          <td>{l.city}</td>
          <td>
            <div class="evse-list">
              {[...statusCounts(l)].map(([status, n]) => (
                <span key={status} class="row">
                  <StatusBadge status={status} />
                  <span class="small muted">×{n}</span>
                </span>
              ))}
            </div>
          </td>
        </tr>
      )}
    </Table>
  );
}
