import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import { href, navigate } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { partnerParties } from '../partners/partner-name';
import { AgreementCard } from './AgreementCard';
import { BuildStatementForm } from './BuildStatementForm';

/**
 * The party's statements, newest period first, the form that builds (or rebuilds) a period's draft,
 * and the agreement with the partner chosen there, to check or change before building.
 */
export function StatementsTab() {
  const { api, party } = useConsole();
  const statements = useLoad(() => api.statements({ party: party.party }), [api, party.party]);
  const peers = useLoad(() => api.peers(), [api]);
  const [counterpart, setCounterpart] = useState('');
  const partners = partnerParties(peers.data ?? [], party.party);
  const chosen = counterpart || partners[0]?.party || '';
  return (
    <div class="stack">
      <div class="grid two">
        <BuildStatementForm partners={partners} chosen={chosen} onChoose={setCounterpart} onBuilt={(statement) => navigate(href('settlement', 'statements', statement.id))} />
        {chosen && <AgreementCard key={chosen} counterpart={chosen} />}
      </div>
      <Card flush title="Statements" subtitle="One per partner and period: DRAFT → ISSUED → SETTLED" testid="statements">
        <Async state={statements}>
          {(rows) =>
            <Table
              rows={[...rows].sort((a, b) => (a.period_start < b.period_start ? 1 : -1))}
              empty={<Empty>No statements yet: build one above.</Empty>}
              head={
                <>
                  <th>Period</th>
                  <th>Counterpart</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th class="num">Lines</th>
                  <th class="num">Gross</th>
                  <th class="num">Credits</th>
                  <th class="num">Net</th>
                  <th class="num">Incl. VAT</th>
                  <th>Built</th>
                </>
              }
            >
              {(s) => (
                <tr key={s.id} class="clickable" onClick={() => navigate(href('settlement', 'statements', s.id))} data-testid={`statement-${s.id}`}>
                  <td>
                    <a href={href('settlement', 'statements', s.id)}>{s.period}</a>
                  </td>
                  <td>{s.counterpart}</td>
                  <td>{s.role}</td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td class="num">{s.totals.lines}</td>
                  <td class="num">{formatMoney(s.totals.gross, s.currency)}</td>
                  <td class="num">{formatMoney(s.totals.credits, s.currency)}</td>
                  <td class="num">{formatMoney(s.totals.net, s.currency)}</td>
                  <td class="num">{formatMoney(s.totals.total_incl_vat, s.currency)}</td>
                  <td class="small nowrap">{formatDateTime(s.built_at)}</td>
                </tr>
              )}
            </Table>
          }
        </Async>
      </Card>
    </div>
  );
}
