import type { Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import type { CpoCdrTable } from '../../store/tables/session-tables.js';

export type CpoCdrRow = Selectable<CpoCdrTable>;

/** Storage of the CDRs our CPO parties issued. */
export class CdrRepository {
  constructor(private readonly db: Database) {}

  async insert(cdr: CDR): Promise<void> {
    await this.db
      .insertInto('cpo_cdr')
      .values({
        country_code: cdr.country_code.toUpperCase(),
        party_id: cdr.party_id.toUpperCase(),
        cdr_key: cdr.id.toUpperCase(),
        emsp_country_code: cdr.cdr_token.country_code.toUpperCase(),
        emsp_party_id: cdr.cdr_token.party_id.toUpperCase(),
        credit: cdr.credit === true,
        credit_reference_key: cdr.credit_reference_id?.toUpperCase() ?? null,
        last_updated: new Date(cdr.last_updated),
        data: JSON.stringify(cdr),
        location_url: null,
      })
      .execute();
  }

  async get(party: PartyRef, id: string): Promise<CpoCdrRow | null> {
    const row = await this.db
      .selectFrom('cpo_cdr')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('cdr_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  async creditOf(party: PartyRef, id: string): Promise<CpoCdrRow | null> {
    const row = await this.db
      .selectFrom('cpo_cdr')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('credit', '=', true)
      .where('credit_reference_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  async setLocation(party: PartyRef, id: string, url: string): Promise<void> {
    await this.db
      .updateTable('cpo_cdr')
      .set({ location_url: url })
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('cdr_key', '=', id.toUpperCase())
      .execute();
  }

  /** A page of `local`'s CDRs whose token belongs to one of `emsps`: what a partner may see. */
  async listForEmsps(local: PartyRef, emsps: readonly PartyRef[], page: PageRequest): Promise<PageResult<CDR>> {
    if (emsps.length === 0) return { items: [], total: 0 };
    const base = this.db
      .selectFrom('cpo_cdr')
      .select('data')
      .where('country_code', '=', local.countryCode.toUpperCase())
      .where('party_id', '=', local.partyId.toUpperCase())
      .where((eb) => eb.or(emsps.map((p) => eb.and([eb('emsp_country_code', '=', p.countryCode.toUpperCase()), eb('emsp_party_id', '=', p.partyId.toUpperCase())]))));
    const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((r) => r.data), total: result.total };
  }

  async list(local: PartyRef, page: PageRequest): Promise<PageResult<CpoCdrRow>> {
    const base = this.db.selectFrom('cpo_cdr').selectAll().where('country_code', '=', local.countryCode.toUpperCase()).where('party_id', '=', local.partyId.toUpperCase());
    return fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }
}
