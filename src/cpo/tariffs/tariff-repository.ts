import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';

/** Storage of our parties' tariffs. */
export class TariffRepository {
  constructor(private readonly db: Database) {}

  async get(party: PartyRef, id: string): Promise<Tariff | null> {
    const row = await this.db
      .selectFrom('tariff')
      .select('data')
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('tariff_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return row ? (row.data as Tariff) : null;
  }

  async put(tariff: Tariff): Promise<void> {
    const row = {
      country_code: tariff.country_code.toUpperCase(),
      party_id: tariff.party_id.toUpperCase(),
      tariff_key: tariff.id.toUpperCase(),
      data: JSON.stringify(tariff),
      last_updated: new Date(tariff.last_updated),
    };
    await this.db
      .insertInto('tariff')
      .values(row)
      .onConflict((oc) => oc.columns(['country_code', 'party_id', 'tariff_key']).doUpdateSet({ data: row.data, last_updated: row.last_updated }))
      .execute();
  }

  async delete(party: PartyRef, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('tariff')
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('tariff_key', '=', id.toUpperCase())
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(party: PartyRef, page: PageRequest): Promise<PageResult<Tariff>> {
    const base = this.db
      .selectFrom('tariff')
      .select('data')
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase());
    const result = await fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((r) => r.data as Tariff), total: result.total };
  }
}
