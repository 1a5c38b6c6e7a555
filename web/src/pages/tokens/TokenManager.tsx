import { useState } from 'preact/hooks';
import type { Token } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Field } from '../../components/ui/Field';
import { Pager } from '../../components/ui/Pager';
import { Segmented } from '../../components/ui/Segmented';
import { useDebounced } from '../../lib/use-debounced';
import { useLoad } from '../../lib/use-load';
import { TokenDetail } from './TokenDetail';
import { TokenTable } from './TokenTable';

type Validity = 'all' | 'valid' | 'blocked';

const PAGE_SIZE = 50;

/**
 * The eMSP's tokens in the order they were issued, searched by the API (part of the uid, contract
 * id or visual number) and filtered by validity; one opens to be blocked or unblocked.
 */
export function TokenManager() {
  const { api, party } = useConsole();
  const [text, setText] = useState('');
  const [validity, setValidity] = useState<Validity>('all');
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Token>();
  const q = useDebounced(text.trim());
  const tokens = useLoad(
    () => api.tokens(party.party, { q, valid: validity === 'all' ? undefined : validity === 'valid', offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
    [api, party.party, q, validity, page],
  );
  const keyOf = (t: Token) => `${t.type}:${t.uid}`;
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(0);
  };

  return (
    <div class="stack">
      <Card
        title="Tokens"
        subtitle={tokens.data ? `${tokens.data.total} ${q || validity !== 'all' ? 'matching' : 'in all'}` : undefined}
        flush
        testid="token-list"
        actions={
          <div class="filters">
            <Field label="Search">
              <input type="search" placeholder="uid, contract id, visual number" value={text} onInput={(e) => filter(setText)(e.currentTarget.value)} data-testid="token-search" />
            </Field>
            <Segmented
              label="Validity"
              value={validity}
              onChange={filter(setValidity)}
              choices={[
                { value: 'all', label: 'All' },
                { value: 'valid', label: 'Valid' },
                { value: 'blocked', label: 'Blocked' },
              ]}
            />
          </div>
        }
      >
        <Async state={tokens}>
          {({ items, total }) => (
            <>
              <TokenTable tokens={items} selected={selected && keyOf(selected)} onSelect={(key) => setSelected(items.find((t) => keyOf(t) === key))} />
              <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
            </>
          )}
        </Async>
      </Card>
      {selected && (
        <TokenDetail
          key={keyOf(selected)}
          token={selected}
          onChanged={(changed) => {
            setSelected(changed);
            tokens.reload();
          }}
        />
      )}
    </div>
  );
}
