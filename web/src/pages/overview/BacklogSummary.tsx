import type { BacklogRow, Peer } from '../../api/types';
import { href } from '../../app/router';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { Table } from '../../components/ui/Table';
import { partnerName } from '../partners/partner-name';

/** Messages waiting for each partner, and dead letters (retried from the partners page). */
export function BacklogSummary({ backlog, peers }: { backlog: BacklogRow[]; peers: Peer[] }) {
  const byPeer = new Map<string, Record<string, number>>();
  for (const row of backlog) byPeer.set(row.peer_id, { ...byPeer.get(row.peer_id), [row.status]: row.count });
  return (
    <Card title="Outbox backlog" subtitle="Deliveries to partners not finished yet" actions={<a href={href('partners')}>Partners →</a>} testid="overview-backlog">
      {byPeer.size === 0 ? (
        <Empty>Nothing waiting: every change has reached its partners.</Empty>
      ) : (
        <Table
          rows={[...byPeer]}
          head={
            <>
              <th>Partner</th>
              <th class="num">Pending</th>
              <th class="num">In flight</th>
              <th class="num">Dead letters</th>
            </>
          }
        >
          {([peerId, counts]) => (
            <tr key={peerId}>
              <td>{partnerName(peers.find((p) => p.id === peerId)) ?? peerId}</td>
              <td class="num">{counts.PENDING ?? 0}</td>
              <td class="num">{counts.IN_FLIGHT ?? 0}</td>
              <td class="num">{counts.DEAD ?? 0}</td>
            </tr>
          )}
        </Table>
      )}
    </Card>
  );
}
