import { hasRole, useConsole } from '../../app/console-context';
import { PageHead } from '../../components/ui/PageHead';
import { CardCheck } from './CardCheck';
import { TokenManager } from './TokenManager';

/** eMSP: the party's tokens (search, block, unblock, history). CPO: check a card as a charger would. */
export function TokensPage() {
  const { party } = useConsole();
  const emsp = hasRole(party, 'EMSP');
  return (
    <>
      <PageHead
        title={emsp ? 'Tokens & drivers' : 'Card check'}
        subtitle={emsp ? `RFID cards and app tokens ${party.party} issued; changes reach every CPO by push` : `Ask ${party.party}'s authorization service about a card, as a charger would`}
      />
      <div class="stack">
        {emsp && <TokenManager />}
        {hasRole(party, 'CPO') && <CardCheck />}
      </div>
    </>
  );
}
