import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Empty } from '../../components/ui/Empty';
import { PageHead } from '../../components/ui/PageHead';
import { useLoad } from '../../lib/use-load';
import { InviteForm } from './InviteForm';
import { PartnerCard } from './PartnerCard';
import { RegisterForm } from './RegisterForm';

/** Each partner connection of the party in view, its deliveries, and the forms to connect a new one. */
export function PartnersPage() {
  const { api, party } = useConsole();
  const state = useLoad(async () => {
    const [peers, backlog] = await Promise.all([api.peers(), api.backlog()]);
    return { peers: peers.filter((p) => p.local_party === party.party), backlog };
  }, [api, party.party]);

  return (
    <>
      <PageHead title="Partners" subtitle={`OCPI connections of ${party.party}: status, endpoints, deliveries`} />
      <div class="stack">
        <Async state={state}>
          {({ peers, backlog }) =>
            peers.length === 0 ? (
              <div class="card">
                <Empty testid="no-partners">No partner yet: invite one or register with one below.</Empty>
              </div>
            ) : (
              <div class="stack" data-testid="partner-list">
                {peers.map((peer) => (
                  <PartnerCard key={peer.id} peer={peer} backlog={backlog.filter((r) => r.peer_id === peer.id)} onChanged={state.reload} />
                ))}
              </div>
            )
          }
        </Async>
        <div class="grid two">
          <InviteForm onInvited={state.reload} />
          <RegisterForm onRegistered={state.reload} />
        </div>
      </div>
    </>
  );
}
