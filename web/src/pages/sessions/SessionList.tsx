import { useState } from 'preact/hooks';
import { hasRole, useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import { useLoad } from '../../lib/use-load';
import { fromCpoSession, fromReceivedSession, matches, newestFirst, PAGE_SIZE } from './rows';
import { SessionTable } from './SessionTable';

/** The newest 1,000 sessions, filtered by the search text here, 50 to a page. */
export function SessionList({ query }: { query: string }) {
  const { api, party } = useConsole();
  const [page, setPage] = useState(0);
  const state = useLoad(
    async () => (hasRole(party, 'CPO') ? (await api.cpoSessions(party.party)).map(fromCpoSession) : (await api.receivedSessions(party.party)).map(fromReceivedSession)),
    [api, party.party],
  );
  return (
    <Async state={state}>
      {(all) => {
        const rows = all
          .filter(({ session: s, counterpart }) => matches(query, s.id, s.cdr_token.uid, s.cdr_token.contract_id, s.location_id, s.evse_uid, counterpart))
          .sort((a, b) => newestFirst(a.session.start_date_time, b.session.start_date_time));
        return (
          <Card flush title="Sessions" subtitle={`${rows.length} ${query ? 'matching' : 'in all'}`}>
            <SessionTable rows={rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)} />
            <Pager page={page} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
          </Card>
        );
      }}
    </Async>
  );
}
