import type { Dispute, DisputeAction } from '../../api/types';
import { hasRole, useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { KeyValues } from '../../components/ui/KeyValues';
import { PageHead } from '../../components/ui/PageHead';
import { ReasonAction } from '../../components/ui/ReasonAction';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

/** One dispute: its facts, its audit trail, and — while open — accept, reject or withdraw. */
export function DisputePage({ disputeId }: { disputeId: string }) {
  const { api } = useConsole();
  const dispute = useLoad(() => api.dispute(disputeId), [api, disputeId]);
  return (
    <>
      <PageHead
        crumbs={<a href={href('settlement', 'disputes')}>Settlement › Disputes</a>}
        title={
          <span class="row">
            Dispute {disputeId}
            {dispute.data && <StatusBadge status={dispute.data.status} testid="dispute-status" />}
          </span>
        }
        subtitle={dispute.data?.reason}
      />
      <Async state={dispute}>{(data) => <DisputeBody dispute={data} onChanged={dispute.reload} />}</Async>
    </>
  );
}

function DisputeBody({ dispute, onChanged }: { dispute: Dispute; onChanged: () => void }) {
  const { api, party } = useConsole();
  const close = (action: DisputeAction) => async (note: string) => {
    const closed = await api.closeDispute(dispute.id, action, note);
    onChanged();
    return closed;
  };
  return (
    <div class="grid two" data-testid="dispute">
      <Card
        title="Dispute"
        actions={
          dispute.status === 'OPEN' && (
            <>
              <ReasonAction label="Accept" prompt="Note (optional)" required={false} onConfirm={close('accept')} testid="dispute-accept" />
              <ReasonAction label="Reject" prompt="Note (optional)" required={false} danger onConfirm={close('reject')} testid="dispute-reject" />
              <ReasonAction label="Withdraw" prompt="Note (optional)" required={false} onConfirm={close('withdraw')} testid="dispute-withdraw" />
            </>
          )
        }
      >
        <div class="form">
          <KeyValues
            rows={[
              ['Between', `${dispute.party} (${dispute.role}) and ${dispute.counterpart}`],
              ['CDR', <span class="mono">{dispute.cdr_id ?? '—'}</span>],
              ['Session', dispute.session_id ? <a href={href('sessions', dispute.session_id)} class="mono">{dispute.session_id}</a> : '—'],
              ['Finding', dispute.finding_id ?? undefined],
              ['Amount claimed', formatMoney(dispute.amount_claimed, dispute.currency)],
              ['Opened', formatDateTime(dispute.opened_at)],
              ['Closed', dispute.closed_at ? formatDateTime(dispute.closed_at) : undefined],
              ['Age', `${dispute.age_days} days`],
              ['Credit CDR', dispute.credit_cdr_id ? <span class="mono" data-testid="dispute-credit-cdr">{dispute.credit_cdr_id}</span> : undefined],
            ]}
          />
          {dispute.status === 'OPEN' && (
            <p class="small muted">
              {hasRole(party, 'CPO') && dispute.role === 'CPO'
                ? 'Accepting issues a credit CDR that cancels the disputed CDR and sends it to the eMSP.'
                : 'Accepting records the outcome; the CPO’s credit CDR arrives like any CDR.'}
            </p>
          )}
        </div>
      </Card>
      <Card title="Audit trail" testid="dispute-events">
        <ul class="timeline compact">
          {(dispute.events ?? []).map((event, i) => (
            <li key={i}>
              <StatusBadge status={event.to_status} />
              <div class="what">
                {event.action.toLowerCase()} · {formatDateTime(event.at)}
                {event.note && <div class="small muted">{event.note}</div>}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
