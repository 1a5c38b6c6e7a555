import type { Token } from '../../api/types';
import { Empty } from '../../components/ui/Empty';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatAgo } from '../../lib/format';

export function TokenTable({ tokens, selected, onSelect }: { tokens: Token[]; selected?: string; onSelect: (key: string) => void }) {
  if (tokens.length === 0) return <Empty>No token matches.</Empty>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>UID</th>
            <th>Type</th>
            <th>Contract</th>
            <th>Whitelist</th>
            <th>State</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const key = `${t.type}:${t.uid}`;
            return (
              <tr key={key} class={key === selected ? 'clickable selected' : 'clickable'} onClick={() => onSelect(key)} data-testid={`token-${t.uid}`}>
                <td class="mono">{t.uid}</td>
                <td>{t.type}</td>
                <td class="mono">{t.contract_id}</td>
                <td>{t.whitelist}</td>
                <td>
                  <StatusBadge status={t.valid ? 'VALID' : (t.block_reason ?? 'BLOCKED')} testid="token-state" />
                </td>
                <td class="small muted nowrap">{formatAgo(t.last_updated)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
