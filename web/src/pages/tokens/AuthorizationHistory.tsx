import type { Token } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

/** What the eMSP knows of a token's use: real-time authorizations it answered, sessions it received. */
export function AuthorizationHistory({ token }: { token: Token }) {
  const { api, party } = useConsole();
  const history = useLoad(() => api.tokenAuthorizations(party.party, token), [api, party.party, token.uid, token.valid]);
  return (
    <Card title="Authorization history" subtitle="Real-time answers and sessions, newest first" flush testid="authorization-history">
      <Async state={history}>
        {({ authorizations }) =>
          <Table
            rows={authorizations}
            empty={<Empty>Not used yet.</Empty>}
            head={
              <>
                <th>When</th>
                <th>How</th>
                <th>Where</th>
                <th>Result</th>
              </>
            }
          >
            {(a, i) => (
              <tr key={i}>
                <td class="small nowrap">{formatDateTime(a.at)}</td>
                <td>{a.session_id ? <a href={href('sessions', a.session_id)}>{a.method}</a> : a.method}</td>
                <td class="small">
                  {a.counterpart ?? '—'}
                  {a.location_id ? ` · ${a.location_id}` : ''}
                </td>
                <td>
                  <StatusBadge status={a.result} />
                </td>
              </tr>
            )}
          </Table>
        }
      </Async>
    </Card>
  );
}
