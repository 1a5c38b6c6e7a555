import type { Statement } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { KeyValues } from '../../components/ui/KeyValues';
import { PageHead } from '../../components/ui/PageHead';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Tile } from '../../components/ui/Tile';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { saveFile } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { agreementRows } from './agreement-facts';
import { PartnerComparisonCard } from './PartnerComparisonCard';
import { StatementLines } from './StatementLines';

/** One statement: totals, lines, the workflow (rebuild, issue, settle) and its exports. */
export function StatementPage({ statementId }: { statementId: string }) {
  const { api } = useConsole();
  const statement = useLoad(() => api.statement(statementId), [api, statementId]);
  return (
    <>
      <PageHead
        crumbs={<a href={href('settlement', 'statements')}>Settlement › Statements</a>}
        title={
          <span class="row">
            Statement {statement.data ? `${statement.data.period} · ${statement.data.counterpart}` : statementId}
            {statement.data && <StatusBadge status={statement.data.status} testid="statement-status" />}
          </span>
        }
        subtitle={statement.data && `${statement.data.party} as ${statement.data.role}, ${formatDate(statement.data.period_start)} – ${formatDate(new Date(Date.parse(statement.data.period_end) - 1).toISOString())}`}
        actions={statement.data && <StatementActions statement={statement.data} onChanged={statement.reload} />}
      />
      <Async state={statement}>{(data) => <StatementBody statement={data} onChanged={statement.reload} />}</Async>
    </>
  );
}

function StatementActions({ statement, onChanged }: { statement: Statement; onChanged: () => void }) {
  const { api } = useConsole();
  const act = useAction(async (step: 'rebuild' | 'issue' | 'settle') => {
    if (step === 'rebuild') await api.buildStatement(statement.party, statement.counterpart, statement.period);
    else if (step === 'issue') await api.issueStatement(statement.id);
    else await api.settleStatement(statement.id);
    onChanged();
  });
  const exportCsv = useAction(async () => {
    const file = await api.statementCsv(statement.id);
    saveFile(file.blob, file.filename);
  });
  const exportJson = () => saveFile(new Blob([JSON.stringify(statement, null, 2)], { type: 'application/json' }), `statement-${statement.id}.json`);
  return (
    <div class="stack">
      <div class="row">
        <button type="button" class="btn" onClick={() => exportCsv.run()} disabled={exportCsv.busy} data-testid="export-csv">
          Export CSV
        </button>
        <button type="button" class="btn" onClick={exportJson} data-testid="export-json">
          Export JSON
        </button>
        {statement.status === 'DRAFT' && (
          <>
            <button type="button" class="btn" disabled={act.busy} onClick={() => act.run('rebuild')} data-testid="statement-rebuild">
              Rebuild
            </button>
            <button type="button" class="btn primary" disabled={act.busy} onClick={() => confirm('Issue this statement? It is rebuilt one last time and then frozen.') && act.run('issue')} data-testid="statement-issue">
              Issue
            </button>
          </>
        )}
        {statement.status === 'ISSUED' && (
          <button type="button" class="btn primary" disabled={act.busy} onClick={() => act.run('settle')} data-testid="statement-settle">
            Mark settled
          </button>
        )}
      </div>
      <ErrorNotice error={act.error ?? exportCsv.error} />
    </div>
  );
}

function StatementBody({ statement, onChanged }: { statement: Statement; onChanged: () => void }) {
  const { totals, currency } = statement;
  const vat = Object.entries(totals.vat_by_country);
  return (
    <div class="stack" data-testid="statement">
      <div class="grid tiles">
        <Tile label="Gross" value={formatMoney(totals.gross, currency)} note={`${totals.sessions} sessions`} testid="statement-gross" />
        <Tile label="Credits" value={formatMoney(totals.credits, currency)} testid="statement-credits" />
        <Tile label="Disputed" value={formatMoney(totals.disputed, currency)} note={`${totals.disputed_lines} lines held apart`} tone={totals.disputed_lines ? 'warn' : undefined} testid="statement-disputed" />
        <Tile label="Fees" value={formatMoney(totals.fees, currency)} testid="statement-fees" />
        <Tile label="Net excl. VAT" value={formatMoney(totals.net, currency)} testid="statement-net" />
        <Tile label="Total incl. VAT" value={formatMoney(totals.total_incl_vat, currency)} note={vat.map(([country, amount]) => `VAT ${country} ${formatMoney(amount, currency)}`).join(' · ')} testid="statement-total" />
      </div>
      <div class="grid two">
        <Card title="Agreement" subtitle="As it was when the statement was built">
          <KeyValues rows={agreementRows(statement.agreement, formatDateTime(statement.cutoff_at))} testid="statement-agreement" />
        </Card>
        <Card title="Workflow">
          <KeyValues
            rows={[
              ['Built', formatDateTime(statement.built_at)],
              ['Issued', formatDateTime(statement.issued_at)],
              ['Settled', formatDateTime(statement.settled_at)],
            ]}
          />
        </Card>
      </div>
      <StatementLines statement={statement} />
      <PartnerComparisonCard statement={statement} onCompared={onChanged} />
    </div>
  );
}
