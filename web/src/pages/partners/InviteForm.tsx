import { useState } from 'preact/hooks';
import type { Invitation } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { KeyValues } from '../../components/ui/KeyValues';
import { SecretField } from '../../components/ui/SecretField';
import { useAction } from '../../lib/use-action';

/** Issues a token A for a new partner; it is shown here once and never again (only its hash is kept). */
export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { api, party } = useConsole();
  const [invitation, setInvitation] = useState<Invitation>();
  const invite = useAction(() => api.invite(party.party));
  return (
    <Card title="Invite a partner" subtitle="Give the partner our versions URL and a one-time token A; it registers with them.">
      <div class="form">
        {invitation ? (
          <>
            <div class="notice warn">Copy the token now: it is shown only once.</div>
            <KeyValues
              rows={[
                ['Versions URL', <code data-testid="invite-versions-url">{invitation.versions_url}</code>],
                ['Token A', <SecretField value={invitation.token} testid="invite-token" />],
              ]}
            />
            <div>
              <button type="button" class="btn" onClick={() => setInvitation(undefined)}>
                Done
              </button>
            </div>
          </>
        ) : (
          <div>
            <button
              type="button"
              class="btn primary"
              disabled={invite.busy}
              onClick={async () => {
                const issued = await invite.run();
                if (issued) {
                  setInvitation(issued);
                  onInvited();
                }
              }}
              data-testid="invite"
            >
              Issue token A for {party.party}
            </button>
          </div>
        )}
        <ErrorNotice error={invite.error} />
      </div>
    </Card>
  );
}
