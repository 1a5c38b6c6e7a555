import type { Token } from '../../api/types';
import { Empty } from '../../components/ui/Empty';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatAgo } from '../../lib/format';

export function TokenTable({ tokens, selected, onSelect }: { tokens: Token[]; selected?: string; onSelect: (key: string) => void }) {
  return (
    <Table
      rows={tokens}
      empty={<Empty>No token matches.</Empty>}
      head={
        <>
          <th>UID</th>
          <th>Type</th>
          <th>Contract</th>
          <th>Whitelist</th>
          <th>State</th>
          <th>Updated</th>
        </>
      }
    >
      {(t) => {
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
      }}
    </Table>
  );
}
