import type { ChargerPlace, OcppVersion } from '../../ocpp/charger-events.js';
import type { StoredConnectorMapping } from '../../store/tables/charger-tables.js';

/**
 * How an OCPP place is written in a charger's mapping: `N` is 1.6 connector N, or 2.0.1 EVSE N;
 * `E.C` is 2.0.1 EVSE E, connector C. OCPI's EVSE is OCPP 2.0.1's EVSE, so a 2.0.1 EVSE with one
 * plug needs only its number; a 1.6 charger numbers connectors alone.
 */
export const OCPP_PLACE = /^[1-9]\d{0,4}(\.[1-9]\d{0,4})?$/;

/** The mapping of a place the charger reported, or undefined when it is not mapped. */
export function mappingAt(connectors: readonly StoredConnectorMapping[], place: ChargerPlace): StoredConnectorMapping | undefined {
  if (place.evse === undefined) return place.connector === undefined ? undefined : connectors.find((m) => m.ocpp === String(place.connector));
  const exact = place.connector === undefined ? undefined : connectors.find((m) => m.ocpp === `${place.evse}.${place.connector}`);
  return exact ?? connectors.find((m) => m.ocpp === String(place.evse)) ?? connectors.find((m) => m.ocpp.startsWith(`${place.evse}.`));
}

/** Where to address a request for a mapped connector, in the charger's version. */
export function placeOf(mapping: StoredConnectorMapping, version: OcppVersion): ChargerPlace {
  const [first, second] = mapping.ocpp.split('.').map(Number);
  if (version === '1.6') return { connector: first! };
  return second === undefined ? { evse: first! } : { evse: first!, connector: second };
}

/** The mappings of a place that means the whole charger (1.6 connector 0), or of one place. */
export function mappingsAt(connectors: readonly StoredConnectorMapping[], place: ChargerPlace): StoredConnectorMapping[] {
  if (place.evse === undefined && place.connector === undefined) return [...connectors];
  const one = mappingAt(connectors, place);
  return one ? [one] : [];
}
