import type { HubClient } from '../../api/types';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatAgo, formatDateTime } from '../../lib/format';
import type { Loaded } from '../../lib/use-load';

/** The parties on the platforms connected to the hub, with the ConnectionStatus HubClientInfo publishes (OCPI 2.2.1 "HubClientInfo"). */
export function HubClients({ state }: { state: Loaded<HubClient[]> }) {
  return (
    <Card flush title="Connected parties" subtitle="CONNECTED while their platform answers; OFFLINE when it does not" testid="hub-clients">
      <Async state={state}>
        {(rows) =>
          <Table
            rows={rows}
            empty={<Empty>No platform has registered with the hub yet.</Empty>}
            head={
              <>
                <th>Party</th>
                <th>Role</th>
                <th>Status</th>
                <th>Since</th>
              </>
            }
          >
            {(c) => (
              <tr key={`${c.country_code}-${c.party_id}/${c.role}`} data-testid={`hub-client-${c.country_code}-${c.party_id}`}>
                <td>
                  {c.country_code}-{c.party_id}
                  <div class="small faint">
                    via <IdText id={c.peer_id} />
                  </div>
                </td>
                <td>{c.role}</td>
                <td>
                  <StatusBadge status={c.status} testid="hub-client-status" />
                </td>
                <td class="small muted nowrap" title={formatDateTime(c.last_updated)}>
                  {formatAgo(c.last_updated)}
                </td>
              </tr>
            )}
          </Table>
        }
      </Async>
    </Card>
  );
}
