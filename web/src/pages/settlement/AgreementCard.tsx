import { useState } from 'preact/hooks';
import type { AgreementChanges, SettlementAgreement } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { KeyValues } from '../../components/ui/KeyValues';
import { useLoad } from '../../lib/use-load';
import { agreementRows } from './agreement-facts';
import { AgreementForm } from './AgreementForm';

/**
 * The settlement agreement with the partner a statement is about to be built for: who invoices,
 * the period, currency, price basis, fees and payment terms. Without a stored agreement the
 * defaults apply (docs/SETTLEMENT.md, "Agreements"); saving stores one. A statement copies the
 * agreement when it is built, so a change reaches drafts when they are rebuilt, never issued ones.
 */
export function AgreementCard({ counterpart }: { counterpart: string }) {
  const { api, party } = useConsole();
  const [editing, setEditing] = useState(false);
  const agreement = useLoad(() => api.agreement(party.party, counterpart), [api, party.party, counterpart]);
  const saved = (next: SettlementAgreement) => {
    agreement.reload();
    setEditing(false);
    return next;
  };
  return (
    <Card
      title={`Agreement with ${counterpart}`}
      subtitle={agreement.data && (agreement.data.stored ? `${party.party} settles as ${agreement.data.role}` : 'None stored: the defaults apply')}
      testid="agreement"
      actions={
        !editing && (
          <button type="button" class="btn small" onClick={() => setEditing(true)} disabled={!agreement.data} data-testid="agreement-edit">
            Edit
          </button>
        )
      }
    >
      <Async state={agreement}>
        {(current) =>
          editing ? (
            <AgreementForm agreement={current} onSave={async (changes: AgreementChanges) => saved(await api.saveAgreement(party.party, counterpart, changes))} onCancel={() => setEditing(false)} />
          ) : (
            <KeyValues rows={agreementRows(current)} testid="agreement-terms" />
          )
        }
      </Async>
    </Card>
  );
}
