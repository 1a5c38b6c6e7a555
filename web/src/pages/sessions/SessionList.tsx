import { useState } from 'preact/hooks';
import { hasRole, useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import { newestPage } from '../../lib/newest-page';
import { useLoad } from '../../lib/use-load';
import { fromCpoSession, fromReceivedSession, PAGE_SIZE } from './rows';
import { SessionTable } from './SessionTable';

/** Sessions newest first (a CPO's own, those an eMSP received), searched by the API by session id, token uid or location id. */
export function SessionList({ query }: { query: string }) {
  const { api, party } = useConsole();
  const [page, setPage] = useState(0);
  const q = query.trim();
  const state = useLoad(async () => {
    if (hasRole(party, 'CPO')) {
      const found = await newestPage((range) => api.cpoSessions(party.party, { ...range, q }), page, PAGE_SIZE);
      return { items: found.items.map(fromCpoSession), total: found.total };
    }
    const found = await newestPage((range) => api.receivedSessions(party.party, { ...range, q }), page, PAGE_SIZE);
    return { items: found.items.map(fromReceivedSession), total: found.total };
  }, [api, party.party, q, page]);
  return (
    <Async state={state}>
      {({ items, total }) => (
        <Card flush title="Sessions" subtitle={`${total} ${q ? 'matching' : 'in all'}`} testid="session-list">
          <SessionTable rows={items} />
          <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </Card>
      )}
    </Async>
  );
}
