import { useState } from 'preact/hooks';
import { hasRole, useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import { newestPage } from '../../lib/newest-page';
import { useLoad } from '../../lib/use-load';
import { CdrTable } from './CdrTable';
import { fromIssuedCdr, fromReceivedCdr, PAGE_SIZE } from './rows';

/** CDRs newest first (issued as a CPO, received as an eMSP), searched by the API by CDR id or session id. */
export function CdrList({ query }: { query: string }) {
  const { api, party } = useConsole();
  const [page, setPage] = useState(0);
  const q = query.trim();
  const state = useLoad(async () => {
    if (hasRole(party, 'CPO')) {
      const found = await newestPage((range) => api.cpoCdrs(party.party, { ...range, q }), page, PAGE_SIZE);
      return { items: found.items.map(fromIssuedCdr), total: found.total };
    }
    const found = await newestPage((range) => api.receivedCdrs(party.party, { ...range, q }), page, PAGE_SIZE);
    return { items: found.items.map(fromReceivedCdr), total: found.total };
  }, [api, party.party, q, page]);
  return (
    <Async state={state}>
      {({ items, total }) => (
        <Card flush title="CDRs" subtitle={`${total} ${q ? 'matching' : 'in all'}`} testid="cdr-list">
          <CdrTable rows={items} />
          <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </Card>
      )}
    </Async>
  );
}
