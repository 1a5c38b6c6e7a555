import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import type { CdrProblem, RejectedCdrTable } from '../../store/tables/session-tables.js';

export type RejectedCdrRow = Selectable<RejectedCdrTable>;

/** The CDRs our eMSP parties refused, for operators to settle with the CPO: one row per CDR id, its latest attempt. */
export class RejectedCdrRepository {
  constructor(private readonly db: Database) {}

  async record(local: PartyRef, cdr: CDR, peerId: string, problems: readonly CdrProblem[]): Promise<void> {
    const now = new Date();
    await this.db
      .insertInto('rejected_cdr')
      .values({
        local_country_code: local.countryCode.toUpperCase(),
        local_party_id: local.partyId.toUpperCase(),
        country_code: cdr.country_code.toUpperCase(),
        party_id: cdr.party_id.toUpperCase(),
        cdr_key: cdr.id.toUpperCase(),
        peer_id: peerId,
        problems: JSON.stringify(problems),
        body: JSON.stringify(cdr),
        attempts: 1,
        last_received_at: now,
      })
      .onConflict((oc) =>
        oc.constraint('rejected_cdr_key').doUpdateSet({
          peer_id: peerId,
          problems: JSON.stringify(problems),
          body: JSON.stringify(cdr),
          attempts: sql`rejected_cdr.attempts + 1`,
          last_received_at: now,
        }),
      )
      .execute();
  }

  async list(local: PartyRef, page: PageRequest): Promise<PageResult<RejectedCdrRow>> {
    const base = this.db
      .selectFrom('rejected_cdr')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase());
    return fetchPage(base, page, { lastUpdated: 'last_received_at', seq: 'seq' });
  }
}
