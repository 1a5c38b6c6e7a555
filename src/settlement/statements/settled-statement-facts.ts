import type { Database } from '../../store/database.js';
import type { FactWindow, SettledSession, SettlementKpiFacts } from '../settlement-ports.js';
import { StatementRepository } from './statement-repository.js';

/** The settlement cycle of each session billed on a settled statement: for the `settlement_cycle_time` KPI. */
export class SettledStatementFacts implements SettlementKpiFacts {
  constructor(private readonly db: Database) {}

  async settledSessions(window: FactWindow): Promise<SettledSession[]> {
    const rows = await new StatementRepository(this.db).settledSessions(window.from, window.to);
    return rows.map((r) => ({
      party: { countryCode: r.local_country_code, partyId: r.local_party_id },
      counterpart: { countryCode: r.counterpart_country_code, partyId: r.counterpart_party_id },
      seconds: Number(r.seconds),
    }));
  }
}
