import { useState } from 'preact/hooks';
import type { FindingStatus, ReconciliationRun } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { IdText } from '../../components/ui/IdText';
import { ReasonAction } from '../../components/ui/ReasonAction';
import { Segmented } from '../../components/ui/Segmented';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Table } from '../../components/ui/Table';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';

/** Reconciliation findings of the party in view; open ones can be resolved or ignored with a reason. */
export function FindingsTab() {
  const { api, party } = useConsole();
  const [status, setStatus] = useState<FindingStatus>('OPEN');
  const [run, setRun] = useState<ReconciliationRun>();
  const findings = useLoad(() => api.findings({ status, party: party.party }), [api, status, party.party]);
  const reconcile = useAction(async () => {
    setRun(await api.runReconciliation());
    findings.reload();
  });

  return (
    <div class="stack">
      <Card
        flush
        testid="findings"
        title="Findings"
        subtitle="Sessions without CDR, refused or undelivered CDRs, price and energy mismatches…"
        actions={
          <>
            <Segmented
              label="Status"
              value={status}
              onChange={setStatus}
              choices={[
                { value: 'OPEN', label: 'Open' },
                { value: 'RESOLVED', label: 'Resolved' },
                { value: 'IGNORED', label: 'Ignored' },
              ]}
            />
            <button type="button" class="btn" disabled={reconcile.busy} onClick={() => reconcile.run()} data-testid="run-reconciliation">
              {reconcile.busy ? 'Reconciling…' : 'Run reconciliation'}
            </button>
          </>
        }
      >
        {run && (
          <div class="notice success" data-testid="reconciliation-result">
            Run finished: {run.seen} seen, {run.added} new, {run.reopened} reopened, {run.resolved} resolved, {run.open} open.
          </div>
        )}
        <ErrorNotice error={reconcile.error} />
        <Async state={findings}>
          {(rows) =>
            <Table
              rows={rows}
              empty={<Empty>No {status.toLowerCase()} findings.</Empty>}
              head={
                <>
                  <th>Type</th>
                  <th>Counterpart</th>
                  <th>Session</th>
                  <th>CDR</th>
                  <th class="num">At risk</th>
                  <th>Occurred</th>
                  <th>Status</th>
                  <th />
                </>
              }
            >
              {(f) => (
                <tr key={f.id} data-testid={`finding-${f.id}`}>
                  <td>
                    {f.type.replace(/_/g, ' ')}
                    <div class="small faint">{f.role}</div>
                  </td>
                  <td>{f.counterpart}</td>
                  <td>{f.session_id ? <a href={href('sessions', f.session_id)}><IdText id={f.session_id} /></a> : '—'}</td>
                  <td>
                    <IdText id={f.cdr_id} />
                  </td>
                  <td class="num">{formatMoney(f.amount_at_risk, f.currency)}</td>
                  <td class="small nowrap">{formatDateTime(f.occurred_at)}</td>
                  <td>
                    <StatusBadge status={f.status} />
                    {f.close_reason && <div class="small muted">{f.close_reason}</div>}
                  </td>
                  <td>
                    {f.status === 'OPEN' && (
                      <div class="row">
                        <ReasonAction label="Resolve" prompt="Reason" required testid="finding-resolve" onConfirm={async (reason) => { const done = await api.closeFinding(f.id, 'resolve', reason); findings.reload(); return done; }} />
                        <ReasonAction label="Ignore" prompt="Reason" required testid="finding-ignore" onConfirm={async (reason) => { const done = await api.closeFinding(f.id, 'ignore', reason); findings.reload(); return done; }} />
                      </div>
                    )}
                  </td>
                </tr>
              )}
            </Table>
          }
        </Async>
      </Card>
    </div>
  );
}
