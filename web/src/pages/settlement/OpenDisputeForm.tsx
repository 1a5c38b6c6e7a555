import { useState } from 'preact/hooks';
import type { Dispute } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { partnerParties } from '../partners/partner-name';

/** Opens a dispute about a CDR; the amount claimed defaults to the CDR's cost (left empty). */
export function OpenDisputeForm({ cdrId, counterpart, onOpened }: { cdrId: string; counterpart: string; onOpened: (dispute: Dispute) => void }) {
  const { api, party } = useConsole();
  const peers = useLoad(() => api.peers(), [api]);
  const [partner, setPartner] = useState(counterpart);
  const [cdr, setCdr] = useState(cdrId);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const partners = partnerParties(peers.data ?? [], party.party);
  const chosen = partner || partners[0]?.party || '';
  const open = useAction(() =>
    api.openDispute({
      party: party.party,
      counterpart: chosen,
      cdr_id: cdr.trim(),
      reason: reason.trim(),
      ...(amount.trim() && { amount_claimed: Number(amount) }),
      ...(note.trim() && { note: note.trim() }),
    }),
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    const dispute = await open.run();
    if (dispute) onOpened(dispute);
  };

  return (
    <Card title="Open a dispute" subtitle="About one CDR with one partner; OCPI has no dispute messages, so tell the partner too.">
      <form class="form" onSubmit={submit} data-testid="open-dispute">
        <div class="form-row">
          <Field label="Partner">
            <select value={chosen} onChange={(e) => setPartner(e.currentTarget.value)} data-testid="dispute-counterpart">
              {partners.map((p) => (
                <option key={p.party} value={p.party}>
                  {p.party} · {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="CDR id">
            <input required value={cdr} onInput={(e) => setCdr(e.currentTarget.value)} data-testid="dispute-cdr-id" />
          </Field>
          <Field label="Amount claimed (optional)">
            <input type="number" min="0" step="0.0001" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} placeholder="the CDR's cost" data-testid="dispute-amount" />
          </Field>
        </div>
        <Field label="Reason">
          <input required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} placeholder="Driver reports the session never started" data-testid="dispute-reason" />
        </Field>
        <Field label="Note (optional)">
          <input maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <ErrorNotice error={open.error} />
        <div>
          <button type="submit" class="btn primary" disabled={open.busy || !chosen} data-testid="dispute-open">
            Open dispute
          </button>
        </div>
      </form>
    </Card>
  );
}
