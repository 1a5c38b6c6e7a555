import { useConsole, hasRole } from '../../app/console-context';
import { href, navigate } from '../../app/router';
import { Field } from '../../components/ui/Field';
import { PageHead } from '../../components/ui/PageHead';
import { Tabs } from '../../components/ui/Tabs';
import { CdrList } from './CdrList';
import { SessionList } from './SessionList';

/**
 * Sessions and CDRs of the party in view (its own as a CPO, those received as an eMSP), searchable
 * by ids (SessionList and CdrList say which); a session opens its trace. The search text is in the
 * URL, so a search can be linked to and survives a reload.
 */
export function SessionsPage({ tab, query }: { tab: 'sessions' | 'cdrs'; query: string }) {
  const { party } = useConsole();
  const cdrTab = tab === 'cdrs' ? 'cdrs' : undefined;
  const placeholder = tab === 'cdrs' ? 'CDR id or session id' : 'session id, token uid, location id';
  return (
    <>
      <PageHead
        title="Sessions & CDRs"
        subtitle={hasRole(party, 'CPO') ? `Charging sessions at ${party.party}'s chargers and the CDRs issued for them` : `Sessions and CDRs ${party.party} received from CPOs`}
        actions={
          <Field label="Search">
            <input type="search" placeholder={placeholder} value={query} onChange={(e) => navigate(href('sessions', { tab: cdrTab, q: e.currentTarget.value }))} data-testid="session-search" />
          </Field>
        }
      />
      <Tabs
        tabs={[
          { href: href('sessions', { q: query }), label: 'Sessions', active: tab === 'sessions', testid: 'tab-sessions' },
          { href: href('sessions', { tab: 'cdrs', q: query }), label: 'CDRs', active: tab === 'cdrs', testid: 'tab-cdrs' },
        ]}
      />
      {tab === 'sessions' ? <SessionList key={query} query={query} /> : <CdrList key={query} query={query} />}
    </>
  );
}
