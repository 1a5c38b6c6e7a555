import { useMemo, useState } from 'preact/hooks';
import type { Page } from '../../api/client';
import { hasRole, useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import { newestPage, searchedHere } from '../../lib/newest-page';
import { useLoad } from '../../lib/use-load';
import { fromCpoSession, fromReceivedSession, matches, PAGE_SIZE, type SessionRow } from './rows';
import { SessionTable } from './SessionTable';

/**
 * Sessions newest first, 50 to a page. A CPO's are searched by the API (session id, token uid,
 * location id); the sessions an eMSP received are searched here among the newest 1,000, as their
 * list takes no search text.
 */
export function SessionList({ query }: { query: string }) {
  const { api, party } = useConsole();
  const [page, setPage] = useState(0);
  const q = query.trim();
  const load = useMemo((): ((page: number, size: number) => Promise<Page<SessionRow>>) => {
    if (hasRole(party, 'CPO')) {
      return async (index, size) => {
        const found = await newestPage((range) => api.cpoSessions(party.party, { ...range, q }), index, size);
        return { items: found.items.map(fromCpoSession), total: found.total };
      };
    }
    return searchedHere(
      async (range) => {
        const found = await api.receivedSessions(party.party, range);
        return { items: found.items.map(fromReceivedSession), total: found.total };
      },
      ({ session: s, counterpart }) => matches(q, s.id, s.cdr_token.uid, s.cdr_token.contract_id, s.location_id, s.evse_uid, counterpart),
    );
  }, [api, party, q]);
  const state = useLoad(() => load(page, PAGE_SIZE), [load, page]);
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
