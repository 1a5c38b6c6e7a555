import { OcpiError } from '../../ocpi/ocpi-error.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { CdrLocation } from '../../ocpi/types/cdrs.js';
import type { Location } from '../../ocpi/types/locations.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { selectTariff } from '../../tariff/index.js';

/** Where a session takes place, by the ids a charger knows. */
export interface ChargePointRef {
  location_id: string;
  evse_uid: string;
  connector_id: string;
}

/** The charge point as it is when a session starts: what its CDR must show, and its price. */
export interface ChargePointSnapshot {
  location: CdrLocation;
  time_zone: string;
  tariff: Tariff;
}

/** What the snapshot needs of the modules that own locations and tariffs: their services. */
export interface ChargePointSources {
  location(party: PartyRef, id: string): Promise<Location | null>;
  tariff(party: PartyRef, id: string): Promise<Tariff | null>;
}

/**
 * Resolves a charge point to its snapshot: the location, EVSE and connector, and the connector's
 * tariff for a REGULAR session at `at` (OCPI 2.2.1 "Tariffs", TariffType; the engine chooses).
 * Unknown ids are OCPI 2003 (unknown location) naming what is missing.
 */
export async function chargePointSnapshot(sources: ChargePointSources, party: PartyRef, ref: ChargePointRef, at: string): Promise<ChargePointSnapshot> {
  const location = await sources.location(party, ref.location_id);
  if (!location) throw new OcpiError(OcpiStatus.UnknownLocation, `Unknown location ${ref.location_id}`);
  const evse = (location.evses ?? []).find((e) => e.uid.toUpperCase() === ref.evse_uid.toUpperCase() && e.status !== 'REMOVED');
  if (!evse) throw new OcpiError(OcpiStatus.UnknownLocation, `Unknown EVSE ${ref.evse_uid} at location ${location.id}`);
  const connector = evse.connectors.find((c) => c.id.toUpperCase() === ref.connector_id.toUpperCase());
  if (!connector) throw new OcpiError(OcpiStatus.UnknownLocation, `Unknown connector ${ref.connector_id} at EVSE ${evse.uid}`);
  if (!evse.evse_id) throw OcpiError.invalid(`Invalid field evse_uid: EVSE ${evse.uid} has no evse_id for its CDRs`);

  const tariffs = (await Promise.all((connector.tariff_ids ?? []).map((id) => sources.tariff(party, id)))).filter((t): t is Tariff => t !== null);
  // The engine returns one of the tariffs it was given, so it is still the full OCPI object.
  const tariff = selectTariff(tariffs, 'REGULAR', at) as Tariff | undefined;
  if (!tariff) throw OcpiError.invalid(`Invalid field connector_id: connector ${connector.id} of EVSE ${evse.uid} has no tariff valid at ${at}`);

  const snapshot: CdrLocation = {
    id: location.id,
    address: location.address,
    city: location.city,
    country: location.country,
    coordinates: location.coordinates,
    evse_uid: evse.uid,
    evse_id: evse.evse_id,
    connector_id: connector.id,
    connector_standard: connector.standard,
    connector_format: connector.format,
    connector_power_type: connector.power_type,
  };
  if (location.name !== undefined) snapshot.name = location.name;
  if (location.postal_code !== undefined) snapshot.postal_code = location.postal_code;
  if (location.state !== undefined) snapshot.state = location.state;
  return { location: snapshot, time_zone: location.time_zone, tariff };
}
