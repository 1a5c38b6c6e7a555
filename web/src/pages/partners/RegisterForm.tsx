import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { useAction } from '../../lib/use-action';

/** Registers with a partner that invited us: its versions URL and the token A it gave us. */
export function RegisterForm({ onRegistered }: { onRegistered: () => void }) {
  const { api, party } = useConsole();
  const [versionsUrl, setVersionsUrl] = useState('');
  const [token, setToken] = useState('');
  const [done, setDone] = useState<string>();
  const register = useAction(() => api.register(party.party, versionsUrl.trim(), token.trim()));

  const submit = async (event: Event) => {
    event.preventDefault();
    const peer = await register.run();
    if (peer) {
      setDone(`Registered: OCPI ${peer.version ?? ''} with ${peer.parties.map((p) => `${p.country_code}-${p.party_id}`).join(', ')}`);
      setVersionsUrl('');
      setToken('');
      onRegistered();
    }
  };

  return (
    <Card title="Register with a partner" subtitle="The credentials handshake from our side, with the partner's token A.">
      <form class="form" onSubmit={submit}>
        <Field label="Partner versions URL">
          <input type="url" required placeholder="https://partner.example/ocpi/versions" value={versionsUrl} onInput={(e) => setVersionsUrl(e.currentTarget.value)} data-testid="register-url" />
        </Field>
        <Field label="Token A">
          <input required value={token} onInput={(e) => setToken(e.currentTarget.value)} data-testid="register-token" />
        </Field>
        <ErrorNotice error={register.error} />
        {done && <div class="notice success">{done}</div>}
        <div>
          <button type="submit" class="btn primary" disabled={register.busy}>
            {register.busy ? 'Registering…' : 'Register'}
          </button>
        </div>
      </form>
    </Card>
  );
}
