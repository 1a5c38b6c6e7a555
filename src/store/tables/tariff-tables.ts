import type { ColumnType } from 'kysely';
import type { Json } from '../tables.js';

/** A hosted CPO party's own tariffs, as the OCPI Tariff object it publishes. */
export interface TariffTable {
  seq: ColumnType<string, never, never>;
  country_code: string;
  party_id: string;
  /** The tariff id in upper case (CiString). */
  tariff_key: string;
  data: Json<Record<string, unknown>>;
  last_updated: Date;
}

export interface TariffTables {
  tariff: TariffTable;
}
