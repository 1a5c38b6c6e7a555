import type { Charger } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { OcppMessageList } from '../../components/trace/OcppMessageList';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { IdText } from '../../components/ui/IdText';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatKwh } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

/** One charger's transactions, each linked to its session's trace, and its last OCPP exchanges. */
export function ChargerDetail({ charger }: { charger: Charger }) {
  const { api, party } = useConsole();
  const transactions = useLoad(() => api.chargerTransactions(party.party, charger.id), [api, party.party, charger.id]);
  const messages = useLoad(() => api.chargerMessages(party.party, charger.id), [api, party.party, charger.id]);
  return (
    <div class="stack" data-testid="charger-detail">
      <Card title={`${charger.id} — transactions`} flush>
        <Async state={transactions}>
          {(rows) =>
            rows.length ? (
              <Table
                rows={rows}
                head={
                  <>
                    <th>Started</th>
                    <th>Ended</th>
                    <th>Card</th>
                    <th>Status</th>
                    <th class="num">Meter</th>
                    <th>Session</th>
                  </>
                }
              >
                {(t) => (
                  <tr key={t.transaction_id}>
                    <td class="small nowrap">{formatDateTime(t.started_at)}</td>
                    <td class="small nowrap">{formatDateTime(t.ended_at)}</td>
                    <td class="mono">{t.id_tag}</td>
                    <td>
                      <StatusBadge status={t.verdict === 'Accepted' ? t.status : t.verdict} />
                    </td>
                    <td class="num">{formatKwh(t.last_meter_kwh)}</td>
                    <td>
                      {t.session_id ? (
                        <a href={href('sessions', t.session_id)}>
                          <IdText id={t.session_id} />
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                )}
              </Table>
            ) : (
              <Empty>No transactions.</Empty>
            )
          }
        </Async>
      </Card>
      <Card title={`${charger.id} — last messages`} subtitle="OCPP calls and their answers, newest first">
        <Async state={messages}>{({ messages: frames }) => (frames.length ? <OcppMessageList messages={frames} /> : <Empty>No messages recorded.</Empty>)}</Async>
      </Card>
    </div>
  );
}
