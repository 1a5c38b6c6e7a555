import { sql } from 'kysely';
import { evseIdMatchKey } from '../../ids/evse-id.js';
import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Location } from '../../ocpi/types/locations.js';
import type { PartnerObjectKey, PartnerObjectRepository, StoreOutcome } from '../../partner-data/partner-object-repository.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { unknownLocation, type NestedResult } from './nested-update.js';

const MODULE = 'locations';

/** Which partner Location: our party that holds it, its CPO, its id. */
export interface HeldLocation {
  local: PartyRef;
  owner: PartyRef;
  id: string;
}

export interface PartnerLocationFilter {
  owner?: PartyRef;
  /** Part of the id, name, address or city, without regard to case. */
  text?: string;
  /** At least one EVSE has this status. */
  status?: string;
  /** An EVSE with this EVSE ID, whatever its separators and case. */
  evseId?: string;
}

/**
 * The eMSP's copy of its CPO partners' Locations: one partner object of module `locations` per
 * Location, its EVSEs and Connectors inside.
 */
export class PartnerLocationStore {
  constructor(
    private readonly db: Database,
    private readonly objects: PartnerObjectRepository,
  ) {}

  async get(held: HeldLocation): Promise<Location | null> {
    const row = await this.objects.get(key(held));
    return row ? (row.data as Location) : null;
  }

  /** Stores a whole Location as its owner sent it; an older one than held is ignored. */
  put(held: HeldLocation, location: Location, peerId: string): Promise<StoreOutcome> {
    return this.objects.put(key(held), location, instant(location.last_updated), peerId);
  }

  /**
   * Changes part of a held Location (an EVSE, a Connector, some fields) with its row locked, so
   * concurrent pushes about different EVSEs of one Location do not undo each other.
   */
  async update(held: HeldLocation, peerId: string, edit: (location: Location) => NestedResult): Promise<NestedResult['outcome']> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('partner_object')
        .select('data')
        .where('local_country_code', '=', held.local.countryCode.toUpperCase())
        .where('local_party_id', '=', held.local.partyId.toUpperCase())
        .where('module', '=', MODULE)
        .where('country_code', '=', held.owner.countryCode.toUpperCase())
        .where('party_id', '=', held.owner.partyId.toUpperCase())
        .where('object_key', '=', held.id.toUpperCase())
        .where('object_type', '=', '')
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw unknownLocation(`Unknown location ${held.id}: PUT the whole Location first`);
      const result = edit(row.data as Location);
      if (result.outcome !== 'stale') await this.objects.put(key(held), result.location, instant(result.location.last_updated), peerId, trx);
      return result.outcome;
    });
  }

  delete(held: HeldLocation): Promise<boolean> {
    return this.objects.delete(key(held));
  }

  /** A page of the Locations our party holds, oldest received first. */
  async search(local: PartyRef, filter: PartnerLocationFilter, page: PageRequest): Promise<PageResult<Location>> {
    let query = this.db
      .selectFrom('partner_object')
      .select('data')
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('module', '=', MODULE);
    if (filter.owner) query = query.where('country_code', '=', filter.owner.countryCode.toUpperCase()).where('party_id', '=', filter.owner.partyId.toUpperCase());
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, '\\$&')}%`;
      query = query.where(sql<boolean>`(data->>'id' ilike ${pattern} or data->>'name' ilike ${pattern} or data->>'address' ilike ${pattern} or data->>'city' ilike ${pattern})`);
    }
    if (filter.status) query = query.where(sql<boolean>`exists (select 1 from jsonb_array_elements(coalesce(data->'evses', '[]'::jsonb)) as e(evse) where e.evse->>'status' = ${filter.status})`);
    if (filter.evseId) {
      const match = evseIdMatchKey(filter.evseId);
      query = query.where(sql<boolean>`exists (select 1 from jsonb_array_elements(coalesce(data->'evses', '[]'::jsonb)) as e(evse) where replace(upper(e.evse->>'evse_id'), '*', '') = ${match})`);
    }
    const result = await fetchPage(query, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map((row) => row.data as Location), total: result.total };
  }
}

function key(held: HeldLocation): PartnerObjectKey {
  return { local: held.local, module: MODULE, owner: held.owner, id: held.id };
}

function instant(dateTime: string): Date {
  return parseOcpiDateTime(dateTime)!;
}
