import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, DateTime, optional, PartyId } from '../../ocpi/types/common.js';
import { Connector, EVSE, Location } from '../../ocpi/types/locations.js';

/*
 * What an operator sends to the admin API and `evroam import locations`: OCPI objects in which the
 * fields evroam fills in itself may be left out. The owner is the party in the URL, and
 * `last_updated` is stamped by evroam on every change (the owner sets it, OCPI 2.2.1 "Transport and
 * format"); a value in the input is accepted and ignored, so exports of other systems import as they are.
 */

export const ConnectorInput = Type.Object({
  ...Connector.properties,
  last_updated: optional(DateTime),
});
export type ConnectorInput = Static<typeof ConnectorInput>;

export const EvseInput = Type.Object({
  ...EVSE.properties,
  connectors: Type.Array(ConnectorInput, { minItems: 1 }),
  last_updated: optional(DateTime),
});
export type EvseInput = Static<typeof EvseInput>;

export const LocationInput = Type.Object({
  ...Location.properties,
  country_code: optional(CountryCode),
  party_id: optional(PartyId),
  evses: optional(Type.Array(EvseInput)),
  last_updated: optional(DateTime),
});
export type LocationInput = Static<typeof LocationInput>;

/** The EVSE status an operator or charger gateway sets. */
export const StatusInput = Type.Object({ status: EVSE.properties.status });
