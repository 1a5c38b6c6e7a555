import { useState } from 'preact/hooks';
import { hasRole, useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Pager } from '../../components/ui/Pager';
import { useLoad } from '../../lib/use-load';
import { CdrTable } from './CdrTable';
import { fromIssuedCdr, fromReceivedCdr, matches, newestFirst, PAGE_SIZE } from './rows';

/** The newest 1,000 CDRs (issued as a CPO, received as an eMSP), filtered by the search text here. */
export function CdrList({ query }: { query: string }) {
  const { api, party } = useConsole();
  const [page, setPage] = useState(0);
  const state = useLoad(async () => (hasRole(party, 'CPO') ? (await api.cpoCdrs(party.party)).map(fromIssuedCdr) : (await api.receivedCdrs(party.party)).map(fromReceivedCdr)), [api, party.party]);
  return (
    <Async state={state}>
      {(all) => {
        const rows = all
          .filter(({ cdr, counterpart }) => matches(query, cdr.id, cdr.session_id, cdr.cdr_token.uid, cdr.cdr_token.contract_id, cdr.cdr_location.id, cdr.cdr_location.evse_id, counterpart))
          .sort((a, b) => newestFirst(a.cdr.end_date_time, b.cdr.end_date_time));
        return (
          <Card flush title="CDRs" subtitle={`${rows.length} ${query ? 'matching' : 'in all'}`}>
            <CdrTable rows={rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)} />
            <Pager page={page} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
          </Card>
        );
      }}
    </Async>
  );
}
