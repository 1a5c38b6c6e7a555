import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Field } from '../../components/ui/Field';
import { Segmented } from '../../components/ui/Segmented';
import { useLoad } from '../../lib/use-load';
import { TokenDetail } from './TokenDetail';
import { TokenTable } from './TokenTable';

type Validity = 'all' | 'valid' | 'blocked';

/**
 * Search the eMSP's tokens by uid, contract id or issuer (the admin API filters by validity; the
 * text match is done here on up to 1,000 tokens), and open one to block or unblock it.
 */
export function TokenManager() {
  const { api, party } = useConsole();
  const [text, setText] = useState('');
  const [validity, setValidity] = useState<Validity>('all');
  const [selected, setSelected] = useState<string>();
  const tokens = useLoad(() => api.tokens(party.party), [api, party.party]);

  return (
    <Async state={tokens}>
      {(all) => {
        const needle = text.trim().toUpperCase();
        const shown = all.filter(
          (t) =>
            (validity === 'all' || (validity === 'valid') === t.valid) &&
            (!needle || t.uid.toUpperCase().includes(needle) || t.contract_id.toUpperCase().includes(needle) || t.issuer.toUpperCase().includes(needle)),
        );
        const token = all.find((t) => `${t.type}:${t.uid}` === selected);
        return (
          <div class="stack">
            <Card
              title="Tokens"
              subtitle={`${shown.length} of ${all.length} shown`}
              flush
              testid="token-list"
              actions={
                <div class="filters">
                  <Field label="Search">
                    <input type="search" placeholder="uid, contract id, issuer" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="token-search" />
                  </Field>
                  <Segmented
                    label="Validity"
                    value={validity}
                    onChange={setValidity}
                    choices={[
                      { value: 'all', label: 'All' },
                      { value: 'valid', label: 'Valid' },
                      { value: 'blocked', label: 'Blocked' },
                    ]}
                  />
                </div>
              }
            >
              <TokenTable tokens={shown} selected={selected} onSelect={setSelected} />
            </Card>
            {token && <TokenDetail key={selected} token={token} onChanged={tokens.reload} />}
          </div>
        );
      }}
    </Async>
  );
}
