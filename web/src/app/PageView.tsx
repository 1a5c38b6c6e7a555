import { Empty } from '../components/ui/Empty';
import { HubPage } from '../pages/hub/HubPage';
import { LocationsPage } from '../pages/locations/LocationsPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { PartnersPage } from '../pages/partners/PartnersPage';
import { PartnerTokensPage } from '../pages/partner-tokens/PartnerTokensPage';
import { SessionsPage } from '../pages/sessions/SessionsPage';
import { SessionTracePage } from '../pages/sessions/SessionTracePage';
import { DisputePage } from '../pages/settlement/DisputePage';
import { SettlementPage } from '../pages/settlement/SettlementPage';
import { StatementPage } from '../pages/settlement/StatementPage';
import { TokensPage } from '../pages/tokens/TokensPage';
import type { Route } from './router';

/** The page a route names: `#/sessions/ID` is one session's trace, `#/settlement/statements/ID` one statement. */
export function PageView({ route }: { route: Route }) {
  const [page = 'overview', sub, id] = route.parts;
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'partners':
      return <PartnersPage />;
    case 'locations':
      return <LocationsPage />;
    case 'tokens':
      return <TokensPage />;
    case 'partner-tokens':
      return <PartnerTokensPage />;
    case 'hub':
      return <HubPage query={route.query} />;
    case 'sessions':
      return sub ? <SessionTracePage sessionId={sub} /> : <SessionsPage tab={route.query.get('tab') === 'cdrs' ? 'cdrs' : 'sessions'} query={route.query.get('q') ?? ''} />;
    case 'settlement':
      if (sub === 'statements' && id) return <StatementPage statementId={id} />;
      if (sub === 'disputes' && id) return <DisputePage disputeId={id} />;
      return <SettlementPage tab={sub === 'statements' || sub === 'disputes' || sub === 'revenue' ? sub : 'findings'} query={route.query} />;
    default:
      return <Empty>No page “{page}”.</Empty>;
  }
}
