import type { ColumnType } from 'kysely';
import type { Location } from '../../ocpi/types/locations.js';
import type { CreatedAt, Json } from '../tables.js';

/**
 * The Locations a hosted CPO party owns, one row per Location with its EVSEs and Connectors inside
 * `data`, exactly as the Sender interface serves it. A Location is read and written whole, so a
 * change to an EVSE and the bump of its parents' `last_updated` land in one row write.
 */
export interface CpoLocationTable {
  /** Creation order: the stable order of the Sender list. */
  seq: ColumnType<string, never, never>;
  country_code: string;
  party_id: string;
  /** Location.id in upper case: OCPI compares CiString ids without case. */
  location_key: string;
  /** Copied from `data` so visibility can be decided without reading the JSON. */
  publish: boolean;
  data: Json<Location>;
  last_updated: Date;
  created_at: CreatedAt;
}

export interface LocationTables {
  cpo_location: CpoLocationTable;
}
