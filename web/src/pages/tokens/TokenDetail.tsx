import { useState } from 'preact/hooks';
import type { BlockReason, Token } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { KeyValues } from '../../components/ui/KeyValues';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { AuthorizationHistory } from './AuthorizationHistory';

const REASONS: Array<{ value: BlockReason; label: string }> = [
  { value: 'BLOCKED', label: 'Blocked (lost, stolen, fraud)' },
  { value: 'EXPIRED', label: 'Expired' },
  { value: 'NO_CREDIT', label: 'No credit' },
];

/** One token: its facts, block / unblock (pushed to every CPO), and where it was used. */
export function TokenDetail({ token, onChanged }: { token: Token; onChanged: (changed: Token) => void }) {
  const { api, party } = useConsole();
  const [reason, setReason] = useState<BlockReason>('BLOCKED');
  const change = useAction(async (block: boolean) => {
    onChanged(await (block ? api.block(party.party, token, reason) : api.unblock(party.party, token)));
  });

  return (
    <div class="grid two">
      <Card
        testid="token-detail"
        title={
          <span class="row">
            <span class="mono">{token.uid}</span> <StatusBadge status={token.valid ? 'VALID' : (token.block_reason ?? 'BLOCKED')} testid="token-detail-state" />
          </span>
        }
        subtitle={`${token.type} · ${token.issuer}`}
      >
        <div class="form">
          <KeyValues
            rows={[
              ['Contract id', <span class="mono">{token.contract_id}</span>],
              ['Whitelist', token.whitelist],
              ['Block reason', token.block_reason ?? undefined],
              ['Block note', token.block_note ?? undefined],
              ['Last updated', formatDateTime(token.last_updated)],
            ]}
          />
          {token.valid ? (
            <div class="row">
              <select aria-label="Block reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as BlockReason)} data-testid="block-reason">
                {REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <button type="button" class="btn danger" disabled={change.busy} onClick={() => change.run(true)} data-testid="token-block">
                Block token
              </button>
            </div>
          ) : (
            <div>
              <button type="button" class="btn" disabled={change.busy} onClick={() => change.run(false)} data-testid="token-unblock">
                Unblock token
              </button>
            </div>
          )}
          <p class="small muted">A change is pushed to every connected CPO; cards with whitelist NEVER are asked about in real time anyway.</p>
          <ErrorNotice error={change.error} />
        </div>
      </Card>
      <AuthorizationHistory token={token} />
    </div>
  );
}
