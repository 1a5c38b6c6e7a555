import type { Insertable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { CpoAuthorizationTable } from '../../store/tables/token-tables.js';

export type DecisionRecord = Insertable<CpoAuthorizationTable>;

/** How many decisions of one kind a CPO party took for one eMSP (null: the token was no partner's). */
export interface DecisionCount {
  party: PartyRef;
  counterpart: PartyRef | null;
  method: string;
  reason: string;
  allowed: boolean;
  count: number;
}

/** The CPO's log of authorization decisions: append only, one insert per decision. */
export class AuthorizationRepository {
  constructor(private readonly db: Database) {}

  async record(decision: DecisionRecord): Promise<void> {
    await this.db.insertInto('cpo_authorization').values(decision).execute();
  }

  /** Decisions taken in [from, to), counted per party, eMSP, method, reason and outcome: the authorization KPI. */
  async counts(from: Date, to: Date): Promise<DecisionCount[]> {
    const rows = await this.db
      .selectFrom('cpo_authorization')
      .select(['local_country_code', 'local_party_id', 'emsp_country_code', 'emsp_party_id', 'method', 'reason', 'allowed', (eb) => eb.fn.countAll<string>().as('count')])
      .where('decided_at', '>=', from)
      .where('decided_at', '<', to)
      .groupBy(['local_country_code', 'local_party_id', 'emsp_country_code', 'emsp_party_id', 'method', 'reason', 'allowed'])
      .execute();
    return rows.map((r) => ({
      party: { countryCode: r.local_country_code, partyId: r.local_party_id },
      counterpart: r.emsp_country_code === null || r.emsp_party_id === null ? null : { countryCode: r.emsp_country_code, partyId: r.emsp_party_id },
      method: r.method,
      reason: r.reason,
      allowed: r.allowed,
      count: Number(r.count),
    }));
  }
}
