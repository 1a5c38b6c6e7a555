import { cdrFromSession } from '../../src/cpo/cdrs/cdr-from-session.js';
import { priceTimeline } from '../../src/cpo/sessions/session-pricing.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import type { StoredChargePoint } from '../../src/store/tables/session-tables.js';
import { LOCATION, TARIFF, TOKEN } from '../sessions/pair.js';

/** A CDR of NL-CPO for DE-MSP as our CPO issues it: one hour, 6 kWh charging, then 30 minutes parked. */
export function issuedCdr(id = 'S-1'): CDR {
  const chargePoint = { location: LOCATION, time_zone: 'Europe/Amsterdam', tariff: TARIFF as Tariff } as StoredChargePoint;
  const at = (m: number) => new Date(Date.UTC(2025, 2, 4, 9, m)).toISOString();
  const timeline = [{ at: at(0), energyKwh: 0, state: 'CHARGING' as const }, { at: at(30), energyKwh: 6, state: 'PARKED' as const }, { at: at(60), energyKwh: 6, state: 'PARKED' as const }];
  const priced = priceTimeline({ tariff: chargePoint.tariff, timeZone: chargePoint.time_zone, timeline });
  const session = { country_code: 'NL', party_id: 'CPO', id, start_date_time: at(0), end_date_time: at(60), kwh: 6, cdr_token: TOKEN, auth_method: 'WHITELIST', location_id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1', currency: 'EUR', status: 'COMPLETED', last_updated: at(60) } as Session;
  return cdrFromSession(session, chargePoint, priced, new Date(at(61)));
}
