import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { Field } from '../../components/ui/Field';
import { PageHead } from '../../components/ui/PageHead';
import { Pager } from '../../components/ui/Pager';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatAgo, formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useLoad } from '../../lib/use-load';

const PAGE_SIZE = 50;

/**
 * CPO: the tokens its eMSP partners pushed (or it pulled), as its authorization reads them: a
 * token with `valid: false` is refused without asking the eMSP, so an operator can watch a block
 * arrive here. Searched by the API (part of the uid, contract id or visual number).
 */
export function PartnerTokensPage() {
  const { api, party } = useConsole();
  const [text, setText] = useState('');
  const [page, setPage] = useState(0);
  const q = useDebounced(text.trim());
  const tokens = useLoad(() => api.partnerTokens(party.party, { q, offset: page * PAGE_SIZE, limit: PAGE_SIZE }), [api, party.party, q, page]);
  return (
    <>
      <PageHead title="Partner tokens" subtitle={`RFID cards and app tokens of ${party.party}'s eMSP partners, as they pushed them`} />
      <Card
        flush
        title="Tokens held"
        subtitle={tokens.data ? `${tokens.data.total} ${q ? 'matching' : 'in all'}` : undefined}
        testid="partner-tokens"
        actions={
          <Field label="Search">
            <input
              type="search"
              placeholder="uid, contract id, visual number"
              value={text}
              onInput={(e) => {
                setText(e.currentTarget.value);
                setPage(0);
              }}
              data-testid="partner-token-search"
            />
          </Field>
        }
      >
        <Async state={tokens}>
          {({ items, total }) =>
            items.length === 0 ? (
              <Empty>{q ? 'No token matches.' : 'No eMSP has pushed tokens yet.'}</Empty>
            ) : (
              <>
                <Table
                  rows={items}
                  head={
                    <>
                      <th>UID</th>
                      <th>Type</th>
                      <th>Contract</th>
                      <th>Visual number</th>
                      <th>eMSP</th>
                      <th>Whitelist</th>
                      <th>State</th>
                      <th>Updated</th>
                    </>
                  }
                >
                  {(t) => (
                    <tr key={`${t.country_code}-${t.party_id}:${t.type}:${t.uid}`} data-testid={`partner-token-${t.uid}`}>
                      <td class="mono">{t.uid}</td>
                      <td>{t.type}</td>
                      <td class="mono">{t.contract_id}</td>
                      <td>{t.visual_number ?? '—'}</td>
                      <td>
                        {t.country_code}-{t.party_id}
                        <div class="small faint">{t.issuer}</div>
                      </td>
                      <td>{t.whitelist}</td>
                      <td>
                        {/* OCPI Token.valid: false means the card may not charge (blocked, expired, no credit). */}
                        <StatusBadge status={t.valid ? 'VALID' : 'INVALID'} testid="partner-token-state" />
                      </td>
                      <td class="small muted nowrap" title={formatDateTime(t.last_updated)}>
                        {formatAgo(t.last_updated)}
                      </td>
                    </tr>
                  )}
                </Table>
                <Pager page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
              </>
            )
          }
        </Async>
      </Card>
    </>
  );
}
