import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { Field } from '../../components/ui/Field';
import { PageHead } from '../../components/ui/PageHead';
import { Segmented } from '../../components/ui/Segmented';
import { Tile } from '../../components/ui/Tile';
import { formatDate } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { partnerParties } from '../partners/partner-name';
import { BacklogSummary } from './BacklogSummary';
import { amountsAtRisk, FindingsSummary } from './FindingsSummary';
import { KpiCard } from './KpiCard';
import { reportedKpis } from './kpi-catalog';
import { PERIODS, periodRange, type PeriodKey } from './period';

/** KPIs over time with period and partner filters, open findings and the outbox backlog. */
export function OverviewPage() {
  const { api, service, party } = useConsole();
  const [period, setPeriod] = useState<PeriodKey>('30d');
  const [partner, setPartner] = useState('');
  // With several hosted parties, the figures are the party in view's unless a partner is picked.
  const kpiParty = partner || (service.parties.length > 1 ? party.party : undefined);

  const peers = useLoad(() => api.peers(), [api]);
  const operations = useLoad(() => Promise.all([api.findings({ status: 'OPEN' }), api.backlog()]), [api]);
  const kpis = useLoad(async () => {
    const range = periodRange(period);
    const query = { from: range.from, to: range.to, party: kpiParty };
    const [overall, series] = await Promise.all([api.kpis(query), api.kpiSeries({ ...query, bucket: range.bucket })]);
    return { range, overall, series };
  }, [api, period, kpiParty]);

  return (
    <>
      <PageHead
        title="Overview"
        subtitle={kpis.data ? `${formatDate(kpis.data.range.from)} – ${formatDate(kpis.data.range.to)}, per ${kpis.data.range.bucket}` : 'Roaming KPIs, findings and deliveries'}
        actions={
          <div class="filters">
            <Segmented label="Period" choices={PERIODS} value={period} onChange={setPeriod} testid="period" />
            <Field label="Partner">
              <select value={partner} onChange={(e) => setPartner(e.currentTarget.value)} data-testid="partner-filter">
                <option value="">All partners</option>
                {partnerParties(peers.data ?? []).map((p) => (
                  <option key={p.party} value={p.party}>
                    {p.party} · {p.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        }
      />
      <div class="stack">
        <Async state={operations}>
          {([findings, backlog]) => {
            const waiting = backlog.filter((r) => r.status !== 'DEAD').reduce((sum, r) => sum + r.count, 0);
            const dead = backlog.filter((r) => r.status === 'DEAD').reduce((sum, r) => sum + r.count, 0);
            return (
              <div class="grid tiles">
                <Tile label="Open findings" value={String(findings.length)} tone={findings.length ? 'warn' : undefined} testid="tile-open-findings" />
                <Tile label="Amount at risk" value={amountsAtRisk(findings)} tone={findings.length ? 'warn' : undefined} testid="tile-amount-at-risk" />
                <Tile label="Outbox backlog" value={String(waiting)} note="pending or in flight" testid="tile-backlog" />
                <Tile label="Dead letters" value={String(dead)} tone={dead ? 'bad' : undefined} note="retry from Partners" testid="tile-dead-letters" />
              </div>
            );
          }}
        </Async>
        <Async state={kpis}>
          {({ range, overall, series }) => (
            <div class="grid kpis" data-testid="kpi-grid" data-from={range.from} data-to={range.to} data-bucket={range.bucket} data-party={kpiParty ?? ''}>
              {reportedKpis(overall).map((kpi) => (
                <KpiCard key={kpi.key} kpi={kpi} overall={overall} series={series} />
              ))}
            </div>
          )}
        </Async>
        <Async state={operations}>
          {([findings, backlog]) => (
            <div class="grid two">
              <FindingsSummary findings={findings} />
              <BacklogSummary backlog={backlog} peers={peers.data ?? []} />
            </div>
          )}
        </Async>
      </div>
    </>
  );
}
