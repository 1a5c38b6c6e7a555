import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { KpiService } from '../../src/settlement/kpis/kpi-service.js';
import type { ReconciliationService } from '../../src/settlement/reconciliation/reconciliation-service.js';
import { issuedCdr } from '../cdrs/support.js';
import { after, TOKEN, type Side } from '../sessions/pair.js';

export const DAY_MS = 24 * 3_600_000;
/** Where the issued test CDRs start (test/cdrs/support.ts): one hour, 6 kWh, 3.30 EUR excl. VAT. */
export const CDR_START = '2025-03-04T09:00:00.000Z';

export interface FindingView {
  id: string;
  type: string;
  role: string;
  party: string;
  counterpart: string;
  session_id: string | null;
  cdr_id: string | null;
  amount_at_risk: number;
  currency: string;
  status: string;
  evidence: Record<string, unknown>;
  closed_by: string | null;
  close_reason: string | null;
}

export function settlementOf(side: Side): { reconciliation: ReconciliationService; kpis: KpiService } {
  return side.service.modules.find((m) => m.name === 'settlement') as unknown as { reconciliation: ReconciliationService; kpis: KpiService };
}

/** A run whose thresholds have passed: the clock two days ahead, looking back to 2020. */
export function reconcile(side: Side, aheadMs = 2 * DAY_MS) {
  return settlementOf(side).reconciliation.run({ since: new Date('2020-01-01T00:00:00Z'), now: new Date(Date.now() + aheadMs) });
}

/** The findings about one session or CDR, in every status, through the admin API. */
export async function findingsAbout(side: Side, id: string): Promise<FindingView[]> {
  const all: FindingView[] = [];
  for (const status of ['OPEN', 'RESOLVED', 'IGNORED']) all.push(...(await side.api<FindingView[]>('GET', `/reconciliation/findings?status=${status}`)).body);
  return all.filter((f) => f.session_id === id || f.cdr_id === id);
}

/** The COMPLETED session a CPO reports with `issuedCdr(id)`: one hour, 6 kWh, 3.30 EUR. */
export function completedSession(id: string, overrides: Partial<Session> = {}): Session {
  return {
    country_code: 'NL',
    party_id: 'CPO',
    id,
    start_date_time: CDR_START,
    end_date_time: after(CDR_START, 60),
    kwh: 6,
    cdr_token: TOKEN,
    auth_method: 'WHITELIST',
    location_id: 'LOC-1',
    evse_uid: 'EVSE-1',
    connector_id: '1',
    currency: 'EUR',
    total_cost: { excl_vat: 3.3, incl_vat: 3.993 },
    status: 'COMPLETED',
    last_updated: after(CDR_START, 61),
    ...overrides,
  } as Session;
}

export { issuedCdr };
export type { CDR };
