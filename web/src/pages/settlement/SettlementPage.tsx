import { href } from '../../app/router';
import { PageHead } from '../../components/ui/PageHead';
import { Tabs } from '../../components/ui/Tabs';
import { DisputesTab } from './DisputesTab';
import { FindingsTab } from './FindingsTab';
import { StatementsTab } from './StatementsTab';

export type SettlementTab = 'findings' | 'statements' | 'disputes';

/** Reconciliation findings, statements and disputes of the party in view. */
export function SettlementPage({ tab, query }: { tab: SettlementTab; query: URLSearchParams }) {
  return (
    <>
      <PageHead title="Settlement" subtitle="Reconciliation findings, statements per partner and period, and disputes" />
      <Tabs
        tabs={[
          { href: href('settlement', 'findings'), label: 'Findings', active: tab === 'findings', testid: 'tab-findings' },
          { href: href('settlement', 'statements'), label: 'Statements', active: tab === 'statements', testid: 'tab-statements' },
          { href: href('settlement', 'disputes'), label: 'Disputes', active: tab === 'disputes', testid: 'tab-disputes' },
        ]}
      />
      {tab === 'findings' && <FindingsTab />}
      {tab === 'statements' && <StatementsTab />}
      {tab === 'disputes' && <DisputesTab cdrId={query.get('cdr') ?? ''} counterpart={query.get('counterpart') ?? ''} />}
    </>
  );
}
