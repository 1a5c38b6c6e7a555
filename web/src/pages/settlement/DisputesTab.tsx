import { useState } from 'preact/hooks';
import type { DisputeStatus } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href, navigate } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { Segmented } from '../../components/ui/Segmented';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { OpenDisputeForm } from './OpenDisputeForm';

type Filter = DisputeStatus | 'ALL';

/** Disputes of the party in view, and the form to open one about a CDR (prefilled from a session's trace). */
export function DisputesTab({ cdrId, counterpart }: { cdrId: string; counterpart: string }) {
  const { api, party } = useConsole();
  const [filter, setFilter] = useState<Filter>('ALL');
  const disputes = useLoad(() => api.disputes({ party: party.party, status: filter === 'ALL' ? undefined : filter }), [api, party.party, filter]);
  return (
    <div class="stack">
      <OpenDisputeForm cdrId={cdrId} counterpart={counterpart} onOpened={(dispute) => navigate(href('settlement', 'disputes', dispute.id))} />
      <Card
        flush
        title="Disputes"
        subtitle="OPEN → ACCEPTED, REJECTED or WITHDRAWN; an open dispute holds its CDR apart on statements"
        testid="disputes"
        actions={
          <Segmented
            label="Status"
            value={filter}
            onChange={setFilter}
            choices={[
              { value: 'ALL', label: 'All' },
              { value: 'OPEN', label: 'Open' },
              { value: 'ACCEPTED', label: 'Accepted' },
              { value: 'REJECTED', label: 'Rejected' },
              { value: 'WITHDRAWN', label: 'Withdrawn' },
            ]}
          />
        }
      >
        <Async state={disputes}>
          {(rows) =>
            <Table
              rows={rows}
              empty={<Empty>No disputes.</Empty>}
              head={
                <>
                  <th>Opened</th>
                  <th>Counterpart</th>
                  <th>CDR</th>
                  <th>Reason</th>
                  <th class="num">Claimed</th>
                  <th>Status</th>
                  <th class="num">Age</th>
                </>
              }
            >
              {(d) => (
                <tr key={d.id} class="clickable" onClick={() => navigate(href('settlement', 'disputes', d.id))} data-testid={`dispute-${d.id}`}>
                  <td class="small nowrap">
                    <a href={href('settlement', 'disputes', d.id)}>{formatDateTime(d.opened_at)}</a>
                  </td>
                  <td>{d.counterpart}</td>
                  <td>
                    <IdText id={d.cdr_id} />
                  </td>
                  <td>{d.reason}</td>
                  <td class="num">{formatMoney(d.amount_claimed, d.currency)}</td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td class="num">{d.age_days} d</td>
                </tr>
              )}
            </Table>
          }
        </Async>
      </Card>
    </div>
  );
}
