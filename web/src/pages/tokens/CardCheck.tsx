import { useState } from 'preact/hooks';
import type { AuthorizationDecision } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { KeyValues } from '../../components/ui/KeyValues';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { useAction } from '../../lib/use-action';

/**
 * The CPO's authorization as a charger gets it (POST /api/parties/:party/authorize): from the
 * partner's pushed token list, or by asking the eMSP in real time, per the token's whitelist.
 */
export function CardCheck() {
  const { api, party } = useConsole();
  const [uid, setUid] = useState('');
  const [type, setType] = useState('RFID');
  const [locationId, setLocationId] = useState('');
  const [decision, setDecision] = useState<AuthorizationDecision>();
  const check = useAction(() => api.authorize(party.party, { uid: uid.trim(), type, ...(locationId.trim() && { location_id: locationId.trim() }) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setDecision(await check.run());
  };

  return (
    <Card title="Check a card" subtitle="Would a charger of ours let this token charge?" testid="card-check">
      <form class="form" onSubmit={submit}>
        <div class="form-row">
          <Field label="Token uid">
            <input required value={uid} onInput={(e) => setUid(e.currentTarget.value)} placeholder="04A23B5C6D7E80" data-testid="card-check-uid" />
          </Field>
          <Field label="Type">
            <select value={type} onChange={(e) => setType(e.currentTarget.value)}>
              {['RFID', 'APP_USER', 'AD_HOC_USER', 'OTHER'].map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Field>
          <Field label="Location (optional)">
            <input value={locationId} onInput={(e) => setLocationId(e.currentTarget.value)} placeholder="LOC-1" />
          </Field>
          <div>
            <button type="submit" class="btn primary" disabled={check.busy} data-testid="card-check-submit">
              Check
            </button>
          </div>
        </div>
        <ErrorNotice error={check.error} />
        {decision && (
          <div class={decision.allowed ? 'notice success' : 'notice error'} data-testid="card-check-result" data-allowed={String(decision.allowed)}>
            <div class="row">
              <strong>{decision.allowed ? 'Allowed' : 'Refused'}</strong>
              <StatusBadge status={decision.status} testid="card-check-status" />
            </div>
            <KeyValues
              rows={[
                ['Decided by', <span data-testid="card-check-method">{decision.method === 'realtime' ? 'the eMSP, asked in real time' : "the eMSP's pushed token list"}</span>],
                ['Reason', decision.reason.replace(/_/g, ' ')],
                ['Contract', decision.token?.contract_id],
                ['Whitelist', decision.token?.whitelist],
                ['eMSP', decision.emsp_party ? `${decision.emsp_party.country_code}-${decision.emsp_party.party_id}` : undefined],
                ['Authorization reference', decision.authorization_reference ?? undefined],
              ]}
            />
          </div>
        )}
      </form>
    </Card>
  );
}

