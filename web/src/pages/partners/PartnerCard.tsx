import { useState } from 'preact/hooks';
import type { BacklogRow, Peer, PeerCheck, PullReport } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { KeyValues } from '../../components/ui/KeyValues';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatAgo, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { DeadLetters } from './DeadLetters';
import { EndpointTable } from './EndpointTable';
import { partnerName } from './partner-name';

/** Modules we pull from a partner of each role (its objects we hold). */
const PULLABLE: Record<string, string[]> = { CPO: ['locations', 'tariffs', 'sessions', 'cdrs'], EMSP: ['tokens'] };

/** One partner connection: who, how it is connected, what is waiting for it, and what an operator can do. */
export function PartnerCard({ peer, backlog, onChanged }: { peer: Peer; backlog: BacklogRow[]; onChanged: () => void }) {
  const { api } = useConsole();
  const name = partnerName(peer) ?? peer.id;
  const count = (status: string) => backlog.find((r) => r.status === status)?.count ?? 0;
  const dead = count('DEAD');
  const modules = [...new Set(peer.parties.flatMap((p) => PULLABLE[p.role] ?? []))];
  const [module, setModule] = useState(modules[0] ?? '');
  const [result, setResult] = useState<string>();

  const check = useAction(() => api.checkPeer(peer.id));
  const pull = useAction(() => api.pull(peer.id, module));
  const unregister = useAction(() => api.unregister(peer.id));
  const registered = peer.status === 'REGISTERED';

  const describeCheck = (c: PeerCheck) => `Reachable: OCPI ${c.version}, ${c.endpoints.length} endpoints, ${c.latency_ms} ms`;
  const describePull = (r: PullReport) => `Pulled ${r.module}: ${r.received} received, ${r.refused.length} refused, ${r.dropped} dropped`;

  return (
    <Card
      testid={`partner-${name}`}
      title={
        <span class="row">
          {name} <StatusBadge status={peer.status} testid="partner-status" />
        </span>
      }
      subtitle={peer.parties.map((p) => `${p.name} (${p.role})`).join(' · ') || 'Partner not registered yet'}
      actions={
        registered && (
          <>
            <button
              type="button"
              class="btn small"
              disabled={check.busy}
              onClick={async () => {
                const c = await check.run();
                if (c) setResult(describeCheck(c));
              }}
              data-testid="partner-check"
            >
              Check connection
            </button>
            {modules.length > 0 && (
              <span class="row">
                <select aria-label="Module to pull" value={module} onChange={(e) => setModule(e.currentTarget.value)} class="small">
                  {modules.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
                <button
                  type="button"
                  class="btn small"
                  disabled={pull.busy}
                  onClick={async () => {
                    const r = await pull.run();
                    if (r) {
                      setResult(describePull(r));
                      onChanged();
                    }
                  }}
                >
                  Pull now
                </button>
              </span>
            )}
            <button
              type="button"
              class="btn small danger"
              disabled={unregister.busy}
              onClick={async () => {
                if (confirm(`Unregister ${name}? Both sides stop exchanging data until a new registration.`) && (await unregister.run())) onChanged();
              }}
            >
              Unregister
            </button>
          </>
        )
      }
    >
      <div class="grid two">
        <KeyValues
          rows={[
            ['OCPI version', peer.version ?? '—'],
            ['Versions URL', peer.versions_url ? <code>{peer.versions_url}</code> : '—'],
            ['Registered', formatDateTime(peer.registered_at)],
            ['Last contact', <span title={formatDateTime(peer.last_contact_at)}>{formatAgo(peer.last_contact_at)}</span>],
          ]}
        />
        <KeyValues
          testid="partner-backlog"
          rows={[
            ['Pending deliveries', String(count('PENDING'))],
            ['In flight', String(count('IN_FLIGHT'))],
            ['Dead letters', <span class={dead ? 'badge bad' : undefined}>{dead}</span>],
          ]}
        />
      </div>
      {result && <div class="notice success gap-top">{result}</div>}
      <ErrorNotice error={check.error ?? pull.error ?? unregister.error} />
      {dead > 0 && <DeadLetters peerId={peer.id} onRetried={onChanged} />}
      {peer.endpoints.length > 0 && (
        <details class="gap-top">
          <summary>{peer.endpoints.length} endpoints</summary>
          <EndpointTable endpoints={peer.endpoints} />
        </details>
      )}
    </Card>
  );
}
