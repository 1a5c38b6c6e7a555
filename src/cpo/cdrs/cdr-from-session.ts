import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { StoredChargePoint } from '../../store/tables/session-tables.js';
import type { PricedTimeline } from '../sessions/session-pricing.js';

/**
 * The CDR of a completed session (OCPI 2.2.1 "CDRs"): its id is the session's (one CDR per
 * session; at most 36 characters, so a credit CDR can add a suffix within 39). Location and tariff
 * are the snapshot taken at session start; periods and every total come from the session's
 * pricing, so the eMSP re-prices the periods to the same totals.
 */
export function cdrFromSession(session: Session, chargePoint: StoredChargePoint, priced: PricedTimeline, now: Date): CDR {
  if (!session.end_date_time) throw new Error(`session ${session.id} has not ended`);
  const cdr: CDR = {
    country_code: session.country_code,
    party_id: session.party_id,
    id: session.id,
    start_date_time: session.start_date_time,
    end_date_time: session.end_date_time,
    session_id: session.id,
    cdr_token: session.cdr_token,
    auth_method: session.auth_method,
    cdr_location: chargePoint.location,
    currency: session.currency,
    tariffs: [chargePoint.tariff],
    charging_periods: priced.chargingPeriods,
    ...priced.totals,
    last_updated: formatOcpiDateTime(now),
  };
  if (session.authorization_reference !== undefined) cdr.authorization_reference = session.authorization_reference;
  if (session.meter_id !== undefined) cdr.meter_id = session.meter_id;
  return cdr;
}
