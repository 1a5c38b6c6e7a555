import { useEffect, useState } from 'preact/hooks';
import type { HubMessage } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href, navigate } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Badge } from '../../components/ui/Badge';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { Field } from '../../components/ui/Field';
import { Table } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { messageQuery, type MessageSearch } from './message-search';

/** The modules a hub routes (OCPI 2.2.1 "Message routing"). */
const MODULES = ['cdrs', 'chargingprofiles', 'commands', 'locations', 'sessions', 'tariffs', 'tokens'];

const party = (cc: string, pid: string) => `${cc}-${pid}`;
/** OCPI 1xxx is success; anything else (or no answer) is a failure. */
const succeeded = (m: HubMessage) => m.ocpi_status !== null && m.ocpi_status >= 1000 && m.ocpi_status < 2000;

/**
 * Every request the hub forwarded, answered itself or refused, newest first, found by the ids a
 * support desk is given: X-Request-ID (as received or as forwarded), X-Correlation-ID (every hop
 * of one transaction), a party at either end, or the module. The search lives in the URL.
 */
export function HubMessageLog({ search }: { search: MessageSearch }) {
  const { api, party: hub } = useConsole();
  const searched = JSON.stringify(search);
  const [draft, setDraft] = useState<MessageSearch>(search);
  // A link (a correlation id) or the browser's back button changes the search: the form follows.
  useEffect(() => setDraft(search), [searched]);
  const messages = useLoad(() => api.hubMessages(hub.party, messageQuery(search)), [api, hub.party, searched]);
  const set = (filter: keyof MessageSearch) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [filter]: e.currentTarget.value });
  const searchFor = (next: MessageSearch) => {
    setDraft(next);
    navigate(href('hub', next));
  };

  return (
    <Card flush title="Message log" subtitle="Newest first, up to 200 entries" testid="hub-messages" actions={<button type="button" class="btn small" onClick={messages.reload} data-testid="hub-messages-refresh">Refresh</button>}>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          searchFor(draft);
        }}
        data-testid="hub-message-search"
      >
        <div class="form-row">
          <Field label="Request id">
            <input value={draft.request_id ?? ''} onInput={set('request_id')} class="mono" data-testid="hub-search-request-id" />
          </Field>
          <Field label="Correlation id">
            <input value={draft.correlation_id ?? ''} onInput={set('correlation_id')} class="mono" data-testid="hub-search-correlation-id" />
          </Field>
          <Field label="Party">
            <input value={draft.party ?? ''} onInput={set('party')} placeholder="NL-CPO" data-testid="hub-search-party" />
          </Field>
          <Field label="Module">
            <select value={draft.module ?? ''} onChange={set('module')} data-testid="hub-search-module">
              <option value="">Any</option>
              {MODULES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Outcome">
            <select value={draft.outcome ?? ''} onChange={set('outcome')} data-testid="hub-search-outcome">
              <option value="">Any</option>
              <option value="ok">Succeeded</option>
              <option value="failed">Failed</option>
            </select>
          </Field>
          <div class="row">
            <button type="submit" class="btn primary" data-testid="hub-search-submit">
              Search
            </button>
            <button type="button" class="btn" onClick={() => searchFor({})}>
              Clear
            </button>
          </div>
        </div>
      </form>
      <Async state={messages}>
        {(rows) =>
          <Table
            rows={rows}
            empty={<Empty testid="hub-no-messages">No message matches.</Empty>}
            testid="hub-message-table"
            head={
              <>
                <th>At</th>
                <th>Request</th>
                <th>From → to</th>
                <th>Handled</th>
                <th class="num">HTTP</th>
                <th>OCPI</th>
                <th class="num">Latency</th>
                <th>Ids</th>
              </>
            }
          >
            {(m) => (
              <tr key={m.seq} data-testid={`hub-message-${m.seq}`} data-request-id={m.request_id}>
                <td class="small nowrap">{formatDateTime(m.created_at)}</td>
                <td>
                  <span class="mono">
                    {m.method} {m.module}
                  </span>
                  <div class="small faint mono">{m.path || '/'}</div>
                </td>
                <td class="nowrap">
                  {party(m.from_country_code, m.from_party_id)} → {party(m.to_country_code, m.to_party_id)}
                </td>
                <td data-testid="hub-message-kind">{m.kind.replace(/_/g, ' ')}</td>
                <td class="num">{m.http_status}</td>
                <td>
                  <Badge tone={succeeded(m) ? 'ok' : 'bad'} testid="hub-message-ocpi-status">
                    {m.ocpi_status ?? 'none'}
                  </Badge>
                  {m.error && <div class="small muted" data-testid="hub-message-error">{m.error}</div>}
                </td>
                <td class="num nowrap">{m.latency_ms} ms</td>
                <td class="small mono nowrap">
                  <div title="X-Request-ID as received">req {m.request_id}</div>
                  {m.forwarded_request_id && <div title="X-Request-ID of the hop the hub made" data-testid="hub-message-forwarded">fwd {m.forwarded_request_id}</div>}
                  <div>
                    corr{' '}
                    <a href={href('hub', { correlation_id: m.correlation_id })} title="Every hop of this transaction" data-testid="hub-message-correlation">
                      {m.correlation_id}
                    </a>
                  </div>
                  {m.object_id && <div>obj {m.object_id}</div>}
                </td>
              </tr>
            )}
          </Table>
        }
      </Async>
    </Card>
  );
}
