import { sql, type Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';
import type { Tables } from '../../store/tables.js';
import type { CdrRepricing } from '../../store/tables/retail-tables.js';

export type ReceivedCdrRow = Selectable<Tables['emsp_cdr']>;

/** Storage of the CDRs our eMSP parties accepted. */
export class ReceivedCdrRepository {
  constructor(private readonly db: Database) {}

  async get(local: PartyRef, owner: PartyRef, id: string): Promise<ReceivedCdrRow | null> {
    const row = await this.ofParty(local)
      .where('country_code', '=', owner.countryCode.toUpperCase())
      .where('party_id', '=', owner.partyId.toUpperCase())
      .where('cdr_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  async getBySeq(local: PartyRef, seq: string): Promise<ReceivedCdrRow | null> {
    return (await this.ofParty(local).where('seq', '=', seq).executeTakeFirst()) ?? null;
  }

  async creditsOf(local: PartyRef, seq: string): Promise<CDR[]> {
    const rows = await this.ofParty(local).where('credits_seq', '=', seq).execute();
    return rows.map((r) => r.data);
  }

  /** Stores an accepted CDR; null when the same id arrived in the meantime (the caller re-reads it). */
  async insert(local: PartyRef, cdr: CDR, peerId: string, creditsSeq: string | null, repricing: CdrRepricing): Promise<string | null> {
    const row = await this.db
      .insertInto('emsp_cdr')
      .values({
        local_country_code: local.countryCode.toUpperCase(),
        local_party_id: local.partyId.toUpperCase(),
        country_code: cdr.country_code.toUpperCase(),
        party_id: cdr.party_id.toUpperCase(),
        cdr_key: cdr.id.toUpperCase(),
        peer_id: peerId,
        credit: cdr.credit === true,
        credits_seq: creditsSeq,
        last_updated: new Date(cdr.last_updated),
        data: JSON.stringify(cdr),
        repricing_flagged: repricing.outcome === 'FLAGGED',
        repricing: JSON.stringify(repricing),
      })
      .onConflict((oc) => oc.constraint('emsp_cdr_key').doNothing())
      .returning('seq')
      .executeTakeFirst();
    return row?.seq ?? null;
  }

  /** A page of the CDRs the party accepted; `text` narrows it to those whose id or session id contains it. */
  async list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<ReceivedCdrRow>> {
    const base = text === undefined ? this.ofParty(local) : this.ofParty(local).where(containsText(text, [sql.ref('cdr_key'), sql`data->>'session_id'`]));
    return fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }

  async listFlagged(local: PartyRef, page: PageRequest): Promise<PageResult<ReceivedCdrRow>> {
    return fetchPage(this.ofParty(local).where('repricing_flagged', '=', true), page, { lastUpdated: 'last_updated', seq: 'seq' });
  }

  private ofParty(local: PartyRef) {
    return this.db
      .selectFrom('emsp_cdr')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase());
  }
}
