import type { SessionTrace } from '../../api/types';
import { href } from '../../app/router';
import { Badge } from '../../components/ui/Badge';
import { Card } from '../../components/ui/Card';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatMoney } from '../../lib/format';

/** Where the session stands in settlement: reconciliation findings, statement lines, disputes. */
export function TraceSettlement({ trace }: { trace: SessionTrace }) {
  return (
    <div class="grid three">
      <Card title="Findings" testid="trace-findings">
        {trace.findings.length === 0 ? (
          <p class="muted">Reconciliation found nothing wrong.</p>
        ) : (
          <ul class="timeline compact">
            {trace.findings.map((f) => (
              <li key={f.id}>
                <StatusBadge status={f.status} />
                <div class="what">
                  {f.type.replace(/_/g, ' ')} · {formatMoney(f.amount_at_risk, f.currency)} at risk
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Statement" testid="trace-statement">
        {trace.statement_lines.length === 0 ? (
          <p class="muted">Not on a statement yet.</p>
        ) : (
          <ul class="timeline compact">
            {trace.statement_lines.map((line) => (
              <li key={`${line.statement_id}-${line.cdr_id}`}>
                <StatusBadge status={line.state} />
                <div class="what">
                  <a href={href('settlement', 'statements', line.statement_id)}>Statement {line.period}</a> · {formatMoney(line.amount, line.currency)} incl. VAT
                  {line.disputed && <Badge tone="warn">disputed</Badge>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Disputes" testid="trace-disputes">
        {trace.disputes.length === 0 ? (
          <p class="muted">No dispute.</p>
        ) : (
          <ul class="timeline compact">
            {trace.disputes.map((d) => (
              <li key={d.id}>
                <StatusBadge status={d.status} />
                <div class="what">
                  <a href={href('settlement', 'disputes', d.id)}>{d.reason}</a> · {formatMoney(d.amount_claimed, d.currency)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
