import { useState } from 'preact/hooks';
import type { HubClient } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { Table } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';

const partyOf = (c: HubClient) => `${c.country_code}-${c.party_id}`;

/**
 * The hub's allow-list: an eMSP party and a CPO party may exchange messages only under an
 * agreement. Adding or removing one changes what the hub forwards at once and is published to
 * both parties' platforms through HubClientInfo. Parties not connected yet may be named too.
 */
export function HubAgreements({ clients, onChanged }: { clients: HubClient[]; onChanged: () => void }) {
  const { api, party } = useConsole();
  const agreements = useLoad(() => api.hubAgreements(party.party), [api, party.party]);
  const [emsp, setEmsp] = useState('');
  const [cpo, setCpo] = useState('');
  const changed = () => {
    agreements.reload();
    onChanged();
  };
  const add = useAction(async () => {
    await api.addHubAgreement(party.party, emsp.trim().toUpperCase(), cpo.trim().toUpperCase());
    setEmsp('');
    setCpo('');
    changed();
  });
  const remove = useAction(async (e: string, c: string) => {
    await api.removeHubAgreement(party.party, e, c);
    changed();
  });
  const connected = (role: string) => clients.filter((c) => c.role === role).map(partyOf);

  return (
    <Card flush title="Roaming agreements" subtitle="Who may roam with whom through this hub" testid="hub-agreements">
      <Async state={agreements}>
        {(rows) =>
          <Table
            rows={rows}
            empty={<Empty>No agreements: the hub forwards nothing between its parties.</Empty>}
            head={
              <>
                <th>eMSP</th>
                <th>CPO</th>
                <th>Since</th>
                <th />
              </>
            }
          >
            {(a) => (
              <tr key={`${a.emsp}/${a.cpo}`} data-testid={`hub-agreement-${a.emsp}-${a.cpo}`}>
                <td>{a.emsp}</td>
                <td>{a.cpo}</td>
                <td class="small nowrap">{formatDateTime(a.created_at)}</td>
                <td class="num">
                  <button
                    type="button"
                    class="btn small danger"
                    disabled={remove.busy}
                    onClick={() => confirm(`Remove the agreement between ${a.emsp} and ${a.cpo}? The hub stops forwarding between them at once.`) && remove.run(a.emsp, a.cpo)}
                    data-testid="hub-agreement-remove"
                  >
                    Remove
                  </button>
                </td>
              </tr>
            )}
          </Table>
        }
      </Async>
      <ErrorNotice error={remove.error} />
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          void add.run();
        }}
        data-testid="hub-agreement-form"
      >
        <div class="form-row">
          <Field label="eMSP">
            <input value={emsp} onInput={(e) => setEmsp(e.currentTarget.value)} list="hub-emsps" placeholder="DE-MSP" required data-testid="hub-agreement-emsp" />
          </Field>
          <Field label="CPO">
            <input value={cpo} onInput={(e) => setCpo(e.currentTarget.value)} list="hub-cpos" placeholder="NL-CPO" required data-testid="hub-agreement-cpo" />
          </Field>
          <div>
            <button type="submit" class="btn primary" disabled={add.busy} data-testid="hub-agreement-add">
              Add agreement
            </button>
          </div>
        </div>
        <datalist id="hub-emsps">
          {connected('EMSP').map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <datalist id="hub-cpos">
          {connected('CPO').map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <ErrorNotice error={add.error} testid="hub-agreement-error" />
      </form>
    </Card>
  );
}
