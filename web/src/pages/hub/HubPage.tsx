import { useConsole } from '../../app/console-context';
import { PageHead } from '../../components/ui/PageHead';
import { useLoad } from '../../lib/use-load';
import { HubAgreements } from './HubAgreements';
import { HubClients } from './HubClients';
import { HubMessageLog } from './HubMessageLog';
import { messageSearchOf } from './message-search';

/**
 * A hub party's operations: which eMSP may roam with which CPO (the allow-list every forwarded
 * request is checked against), the parties connected with the status HubClientInfo publishes, and
 * the log of every request the hub forwarded, answered or refused.
 */
export function HubPage({ query }: { query: URLSearchParams }) {
  const { api, party } = useConsole();
  const clients = useLoad(() => api.hubClients(party.party), [api, party.party]);
  return (
    <>
      <PageHead title="Hub" subtitle={`Roaming agreements, connected parties and forwarded messages of ${party.party}`} />
      <div class="stack">
        <div class="grid two">
          <HubAgreements clients={clients.data ?? []} onChanged={clients.reload} />
          <HubClients state={clients} />
        </div>
        <HubMessageLog search={messageSearchOf(query)} />
      </div>
    </>
  );
}
