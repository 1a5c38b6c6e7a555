import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Location } from '../../ocpi/types/locations.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { visibleTo } from './location-audience.js';

/** Rows per statement when many Locations are written at once (an import), well under pg's parameter limit. */
const WRITE_CHUNK = 500;

/** Storage of our CPO parties' Locations, each one row with its EVSEs and Connectors. */
export class LocationRepository {
  constructor(private readonly db: Database) {}

  async get(owner: PartyRef, id: string): Promise<Location | null> {
    const row = await this.byOwner(owner).where('location_key', '=', id.toUpperCase()).executeTakeFirst();
    return row ? row.data : null;
  }

  /** Reads and locks Locations until the transaction ends, so two writers cannot lose each other's change. */
  async lockMany(owner: PartyRef, ids: readonly string[]): Promise<Map<string, Location>> {
    const found = new Map<string, Location>();
    for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
      const keys = ids.slice(i, i + WRITE_CHUNK).map((id) => id.toUpperCase());
      const rows = await this.byOwner(owner).where('location_key', 'in', keys).forUpdate().execute();
      for (const row of rows) found.set(row.data.id.toUpperCase(), row.data);
    }
    return found;
  }

  async save(locations: readonly Location[]): Promise<void> {
    for (let i = 0; i < locations.length; i += WRITE_CHUNK) {
      const rows = locations.slice(i, i + WRITE_CHUNK).map((location) => ({
        country_code: location.country_code.toUpperCase(),
        party_id: location.party_id.toUpperCase(),
        location_key: location.id.toUpperCase(),
        publish: location.publish,
        data: JSON.stringify(location),
        last_updated: new Date(location.last_updated),
      }));
      await this.db
        .insertInto('cpo_location')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['country_code', 'party_id', 'location_key']).doUpdateSet((eb) => ({
            publish: eb.ref('excluded.publish'),
            data: eb.ref('excluded.data'),
            last_updated: eb.ref('excluded.last_updated'),
          })),
        )
        .execute();
    }
  }

  /** Every Location of the party, for its operator. */
  async list(owner: PartyRef, page: PageRequest): Promise<PageResult<Location>> {
    const result = await fetchPage(this.byOwner(owner), page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((row) => row.data), total: result.total };
  }

  /** The Sender list: the party's Locations that `caller` may see, in creation order. */
  async listVisible(owner: PartyRef, caller: PartyRef, page: PageRequest): Promise<PageResult<Location>> {
    const result = await fetchPage(this.byOwner(owner).where(visibleTo(caller)), page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((row) => row.data), total: result.total };
  }

  /** Get-by-id sees no more than the list does. */
  async getVisible(owner: PartyRef, caller: PartyRef, id: string): Promise<Location | null> {
    const row = await this.byOwner(owner).where('location_key', '=', id.toUpperCase()).where(visibleTo(caller)).executeTakeFirst();
    return row ? row.data : null;
  }

  private byOwner(owner: PartyRef) {
    return this.db
      .selectFrom('cpo_location')
      .select('data')
      .where('country_code', '=', owner.countryCode.toUpperCase())
      .where('party_id', '=', owner.partyId.toUpperCase());
  }
}
