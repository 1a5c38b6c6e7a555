import type { CDR } from '../../ocpi/types/cdrs.js';
import { Money, moneyText } from '../money.js';
import type { ChargerGatewayFacts, CpoCdrFacts, CpoSessionFacts, FactWindow, UnacceptedCdr } from '../settlement-ports.js';
import { partyOf, type CheckedType, type DetectedFinding } from './finding.js';
import type { Thresholds } from './thresholds.js';

export interface CpoPorts {
  sessions: CpoSessionFacts;
  cdrs: CpoCdrFacts;
  /** Absent until the OCPP charger gateway provides it: its two checks are then skipped. */
  gateway: ChargerGatewayFacts | null;
}

export interface CheckResult {
  findings: DetectedFinding[];
  checked: CheckedType[];
  /** What could not be checked, and why. */
  skipped: string[];
}

/** Volumes compared to 10 Wh, the resolution CPOs round period volumes to. */
const ENERGY_TOLERANCE_KWH = 0.01;

/** Everything the CPO role can lose money on, in `window` as seen at `now` (docs/SETTLEMENT.md). */
export async function cpoChecks(ports: CpoPorts, window: FactWindow, now: Date, thresholds: Thresholds): Promise<CheckResult> {
  const findings: DetectedFinding[] = [];
  const checked: CheckedType[] = ['CPO/session_without_cdr', 'CPO/cdr_not_accepted', 'CPO/cdr_undelivered'];
  const skipped: string[] = [];

  for (const session of await ports.sessions.endedWithoutCdr(window)) {
    const end = new Date(session.end_date_time!);
    if (now.getTime() - end.getTime() < thresholds.cpoCdrAfterSessionMs) continue;
    findings.push({
      type: 'session_without_cdr',
      role: 'CPO',
      party: partyOf(session),
      counterpart: partyOf(session.cdr_token),
      session_id: session.id,
      cdr_id: null,
      amount_at_risk: moneyText(session.total_cost?.excl_vat ?? 0),
      currency: session.currency,
      occurred_at: end,
      evidence: { status: session.status, start_date_time: session.start_date_time, end_date_time: session.end_date_time, kwh: session.kwh, total_cost: session.total_cost ?? null, location_id: session.location_id, evse_uid: session.evse_uid },
    });
  }

  for (const unaccepted of await ports.cdrs.notAccepted(window)) {
    const finding = deliveryFinding(unaccepted, now, thresholds);
    if (finding) findings.push(finding);
  }

  if (ports.gateway) {
    checked.push('CPO/energy_mismatch', 'CPO/session_closed_by_timeout');
    findings.push(...(await gatewayFindings(ports.gateway, window)));
  } else {
    skipped.push('CPO energy_mismatch and session_closed_by_timeout: the charger gateway provides no meter facts yet');
  }
  return { findings, checked, skipped };
}

/**
 * A dead POST (the eMSP refused the CDR, or stopped answering for all retries) at once; a POST
 * still under way, or never queued, once it is older than the delivery threshold.
 */
function deliveryFinding({ cdr, issued_at, delivery }: UnacceptedCdr, now: Date, thresholds: Thresholds): DetectedFinding | null {
  const since = delivery.queued_at ?? issued_at;
  if (delivery.state !== 'DEAD' && now.getTime() - since.getTime() < thresholds.cpoDeliveryMs) return null;
  return {
    type: delivery.state === 'DEAD' ? 'cdr_not_accepted' : 'cdr_undelivered',
    role: 'CPO',
    party: partyOf(cdr),
    counterpart: partyOf(cdr.cdr_token),
    session_id: cdr.session_id ?? null,
    cdr_id: cdr.id,
    amount_at_risk: moneyText(new Money(cdr.total_cost.excl_vat).abs()),
    currency: cdr.currency,
    occurred_at: issued_at,
    evidence: {
      credit: cdr.credit === true,
      end_date_time: cdr.end_date_time,
      total_energy: cdr.total_energy,
      total_cost: cdr.total_cost,
      delivery: { ...delivery, queued_at: delivery.queued_at?.toISOString() ?? null },
      issued_at: issued_at.toISOString(),
    },
  };
}

/** The charger's meter against the CDR, and sessions the gateway had to close itself. */
async function gatewayFindings(gateway: ChargerGatewayFacts, window: FactWindow): Promise<DetectedFinding[]> {
  const findings: DetectedFinding[] = [];
  for (const { cdr, meter_kwh, closed_by_timeout } of await gateway.meterDisagreements(window, ENERGY_TOLERANCE_KWH)) {
    const difference = new Money(cdr.total_energy).minus(meter_kwh).abs();
    if (difference.greaterThan(ENERGY_TOLERANCE_KWH)) {
      findings.push(gatewayFinding('energy_mismatch', cdr, moneyText(difference.times(pricePerKwh(cdr))), { cdr_kwh: cdr.total_energy, meter_kwh, difference_kwh: difference.toNumber() }));
    }
    if (closed_by_timeout) findings.push(gatewayFinding('session_closed_by_timeout', cdr, moneyText(cdr.total_cost.excl_vat), { cdr_kwh: cdr.total_energy, meter_kwh, remark: cdr.remark ?? null }));
  }
  return findings;
}

function gatewayFinding(type: 'energy_mismatch' | 'session_closed_by_timeout', cdr: CDR, amount: string, evidence: Record<string, unknown>): DetectedFinding {
  return {
    type,
    role: 'CPO',
    party: partyOf(cdr),
    counterpart: partyOf(cdr.cdr_token),
    session_id: cdr.session_id ?? null,
    cdr_id: cdr.id,
    amount_at_risk: amount,
    currency: cdr.currency,
    occurred_at: new Date(cdr.end_date_time),
    evidence: { end_date_time: cdr.end_date_time, total_cost: cdr.total_cost, ...evidence },
  };
}

/** What one kWh of this CDR cost: its energy cost per kWh, or its whole cost per kWh without one. */
function pricePerKwh(cdr: CDR): Money {
  if (cdr.total_energy === 0) return new Money(0);
  return new Money(cdr.total_energy_cost?.excl_vat ?? cdr.total_cost.excl_vat).dividedBy(cdr.total_energy);
}
