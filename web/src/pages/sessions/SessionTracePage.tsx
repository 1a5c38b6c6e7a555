import type { Session, SessionTrace } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { href } from '../../app/router';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { KeyValues } from '../../components/ui/KeyValues';
import { PageHead } from '../../components/ui/PageHead';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatDateTime, formatKwh, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { traceEvents } from './trace-events';
import { TraceSettlement } from './TraceSettlement';
import { TraceTimeline } from './TraceTimeline';

/** One session for the support desk: its facts, its story in OCPP and OCPI, its CDR and where it was settled. */
export function SessionTracePage({ sessionId }: { sessionId: string }) {
  const { api, party } = useConsole();
  const trace = useLoad(() => api.trace(party.party, sessionId), [api, party.party, sessionId]);
  return (
    <>
      <PageHead
        crumbs={<a href={href('sessions')}>Sessions & CDRs</a>}
        title={
          <span class="row">
            Session <span class="mono" data-testid="trace-session-id">{sessionId}</span>
            {trace.data && <StatusBadge status={trace.data.session.status} testid="trace-status" />}
          </span>
        }
        subtitle="Everything that happened to this session, across the charger, both platforms and settlement"
        actions={
          <button type="button" class="btn" onClick={trace.reload}>
            Refresh
          </button>
        }
      />
      <Async state={trace}>{(data) => <TraceBody trace={data} />}</Async>
    </>
  );
}

function TraceBody({ trace }: { trace: SessionTrace }) {
  const { party } = useConsole();
  const { session: s, cdr } = trace;
  return (
    <div class="stack" data-testid="session-trace">
      <div class="grid two">
        <Card title="Session" testid="trace-session">
          <KeyValues
            rows={[
              ['Started', formatDateTime(s.start_date_time)],
              ['Ended', formatDateTime(s.end_date_time)],
              ['CPO', `${s.country_code}-${s.party_id}`],
              ['Location', `${s.location_id} · EVSE ${s.evse_uid} · connector ${s.connector_id}`],
              ['Token', <span class="mono">{`${s.cdr_token.uid} (${s.cdr_token.type})`}</span>],
              ['Contract', <span class="mono">{s.cdr_token.contract_id}</span>],
              ['eMSP', `${s.cdr_token.country_code}-${s.cdr_token.party_id}`],
              ['Authorized by', s.auth_method],
              ['Energy', formatKwh(s.kwh)],
              ['Cost excl. VAT', formatMoney(s.total_cost?.excl_vat, s.currency)],
              ['Cost incl. VAT', formatMoney(s.total_cost?.incl_vat, s.currency)],
            ]}
          />
        </Card>
        <Card
          title="CDR"
          testid="trace-cdr"
          actions={
            cdr && (
              <a class="btn small" href={href('settlement', 'disputes', { cdr: cdr.id, counterpart: counterpartOf(s, party.party) })} data-testid="dispute-cdr">
                Dispute this CDR
              </a>
            )
          }
        >
          {cdr ? (
            <KeyValues
              rows={[
                ['CDR id', <span class="mono" data-testid="trace-cdr-id">{cdr.id}</span>],
                ['Period', `${formatDateTime(cdr.start_date_time)} – ${formatDateTime(cdr.end_date_time)}`],
                ['EVSE', cdr.cdr_location.evse_id],
                ['Energy', formatKwh(cdr.total_energy)],
                ['Total excl. VAT', formatMoney(cdr.total_cost.excl_vat, cdr.currency)],
                ['Total incl. VAT', formatMoney(cdr.total_cost.incl_vat, cdr.currency)],
                ['Credit CDR', cdr.credit ? `yes, for ${cdr.credit_reference_id ?? '?'}` : undefined],
              ]}
            />
          ) : (
            <p class="muted">No CDR for this session yet.</p>
          )}
        </Card>
      </div>
      <Card title="Trace" subtitle="OCPP frames at the charger and OCPI requests between the platforms, oldest first">
        <TraceTimeline events={traceEvents(trace.ocpp, trace.ocpi)} />
      </Card>
      <TraceSettlement trace={trace} />
    </div>
  );
}

/** The other party of the session for ours: the eMSP at a CPO, the CPO at an eMSP. */
function counterpartOf(session: Session, ourParty: string): string {
  const cpo = `${session.country_code}-${session.party_id}`;
  return cpo === ourParty ? `${session.cdr_token.country_code}-${session.cdr_token.party_id}` : cpo;
}
