import { href } from '../../app/router';
import { PageHead } from '../../components/ui/PageHead';
import { Tabs } from '../../components/ui/Tabs';
import { DisputesTab } from './DisputesTab';
import { FindingsTab } from './FindingsTab';
import { RevenueTab } from './RevenueTab';
import { StatementsTab } from './StatementsTab';

export type SettlementTab = 'findings' | 'statements' | 'disputes' | 'revenue';

/** Reconciliation findings, statements, disputes and revenue of the party in view. */
export function SettlementPage({ tab, query }: { tab: SettlementTab; query: URLSearchParams }) {
  return (
    <>
      <PageHead title="Settlement" subtitle="Reconciliation findings, statements per partner and period, disputes, and the revenue they add up to" />
      <Tabs
        tabs={[
          { href: href('settlement', 'findings'), label: 'Findings', active: tab === 'findings', testid: 'tab-findings' },
          { href: href('settlement', 'statements'), label: 'Statements', active: tab === 'statements', testid: 'tab-statements' },
          { href: href('settlement', 'disputes'), label: 'Disputes', active: tab === 'disputes', testid: 'tab-disputes' },
          { href: href('settlement', 'revenue'), label: 'Revenue', active: tab === 'revenue', testid: 'tab-revenue' },
        ]}
      />
      {tab === 'findings' && <FindingsTab />}
      {tab === 'statements' && <StatementsTab />}
      {tab === 'revenue' && <RevenueTab />}
      {tab === 'disputes' && <DisputesTab cdrId={query.get('cdr') ?? ''} counterpart={query.get('counterpart') ?? ''} />}
    </>
  );
}
