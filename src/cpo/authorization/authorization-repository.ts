import type { Insertable } from 'kysely';
import type { Database } from '../../store/database.js';
import type { CpoAuthorizationTable } from '../../store/tables/token-tables.js';

export type DecisionRecord = Insertable<CpoAuthorizationTable>;

/** The CPO's log of authorization decisions: append only, one insert per decision. */
export class AuthorizationRepository {
  constructor(private readonly db: Database) {}

  async record(decision: DecisionRecord): Promise<void> {
    await this.db.insertInto('cpo_authorization').values(decision).execute();
  }
}
