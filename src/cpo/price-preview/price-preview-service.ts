import { ciEquals } from '../../ids/ci-string.js';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { Connector, EVSE, Location } from '../../ocpi/types/locations.js';
import type { ChargingPeriod } from '../../ocpi/types/sessions.js';
import type { Tariff, TariffType } from '../../ocpi/types/tariffs.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { previewPrice, selectTariff, TariffError, type CdrTotals } from '../../tariff/index.js';
import { PricePreviewRequest } from './price-preview-input.js';

/** What a preview needs of the modules that own locations and tariffs: their services. */
export interface PreviewSources {
  location(party: PartyRef, id: string): Promise<Location | null>;
  tariff(party: PartyRef, id: string): Promise<Tariff | null>;
}

export interface PricePreview extends CdrTotals {
  location_id: string;
  evse_uid: string;
  connector_id: string;
  tariff_id: string;
  tariff_type: TariffType;
  currency: string;
  time_zone: string;
  /** The charging power the preview assumed, kW. */
  power_kw: number;
  start_date_time: string;
  end_date_time: string;
  charging_periods: ChargingPeriod[];
}

const HOUR_MS = 3_600_000;

/**
 * The price of a planned session at a CPO party's EVSE: the connector's tariff for the session's
 * type (the engine's `selectTariff`), the Location's time zone, and the engine's `previewPrice`,
 * which prices the plan's timeline with the code that prices the real session, so the preview is
 * what the CDR will say if the session goes as planned.
 */
export class PricePreviewService {
  constructor(private readonly sources: PreviewSources) {}

  async preview(party: PartyRef, body: unknown): Promise<PricePreview> {
    const request = parseOcpi(PricePreviewRequest, body);
    const location = await this.sources.location(party, request.location_id);
    if (!location) throw OcpiError.notFound(`No location ${request.location_id}`);
    const evse = (location.evses ?? []).find((e) => ciEquals(e.uid, request.evse_uid) && e.status !== 'REMOVED');
    if (!evse) throw OcpiError.notFound(`Location ${location.id} has no EVSE ${request.evse_uid}`);
    const connector = pickConnector(evse, request.connector_id);

    const type = request.tariff_type ?? 'REGULAR';
    const tariffs = (await Promise.all((connector.tariff_ids ?? []).map((id) => this.sources.tariff(party, id)))).filter((t): t is Tariff => t !== null);
    // The engine returns one of the tariffs it was given, so it is still the full OCPI object.
    const tariff = selectTariff(tariffs, type, request.start) as Tariff | undefined;
    if (!tariff) throw OcpiError.invalid(`Invalid field ${request.connector_id === undefined ? 'evse_uid' : 'connector_id'}: connector ${connector.id} of EVSE ${evse.uid} has no ${type} tariff valid at ${request.start}`);

    const powerKw = chargingPower(request, connector);
    let priced;
    try {
      priced = previewPrice({ tariff, timeZone: location.time_zone, plan: { start: request.start, energyKwh: request.kwh, powerKw, durationSeconds: request.minutes * 60 } });
    } catch (error) {
      if (error instanceof TariffError && error.code === 'INVALID_TIME_ZONE') throw OcpiError.invalid(`Invalid field location_id: location ${location.id} has ${error.message}`);
      throw error;
    }
    return {
      location_id: location.id,
      evse_uid: evse.uid,
      connector_id: connector.id,
      tariff_id: tariff.id,
      tariff_type: type,
      currency: tariff.currency,
      time_zone: location.time_zone,
      power_kw: powerKw,
      start_date_time: formatOcpiDateTime(new Date(priced.start_date_time)),
      end_date_time: formatOcpiDateTime(new Date(priced.end_date_time)),
      charging_periods: priced.charging_periods.map((p) => ({
        start_date_time: formatOcpiDateTime(new Date(p.start_date_time)),
        dimensions: p.dimensions.map((d) => ({ type: d.type, volume: d.volume })),
        ...(p.tariff_id === undefined ? {} : { tariff_id: p.tariff_id }),
      })),
      total_cost: priced.total_cost,
      total_fixed_cost: priced.total_fixed_cost,
      total_energy: priced.total_energy,
      total_energy_cost: priced.total_energy_cost,
      total_time: priced.total_time,
      total_time_cost: priced.total_time_cost,
      total_parking_time: priced.total_parking_time,
      total_parking_cost: priced.total_parking_cost,
      total_reservation_cost: priced.total_reservation_cost,
    };
  }
}

/** The connector asked for; without one, the EVSE's only tariff choice (all its connectors alike). */
function pickConnector(evse: EVSE, connectorId: string | undefined): Connector {
  if (connectorId !== undefined) {
    const connector = evse.connectors.find((c) => ciEquals(c.id, connectorId));
    if (!connector) throw OcpiError.notFound(`EVSE ${evse.uid} has no connector ${connectorId}`);
    return connector;
  }
  const [first, ...others] = evse.connectors;
  const tariffsOf = (c: Connector) => (c.tariff_ids ?? []).map((id) => id.toUpperCase()).join(',');
  if (others.some((c) => tariffsOf(c) !== tariffsOf(first!))) {
    throw OcpiError.invalid(`Invalid field connector_id: the connectors of EVSE ${evse.uid} have different tariffs; name one (${evse.connectors.map((c) => c.id).join(', ')})`);
  }
  return first!;
}

/** The power the plan charges at, and a 400 naming the field when the energy cannot fit in the stay. */
function chargingPower(request: PricePreviewRequest, connector: Connector): number {
  const hours = request.minutes / 60;
  const power = request.power_kw ?? (connector.max_electric_power ? connector.max_electric_power / 1000 : request.kwh / hours);
  if (request.kwh > 0 && Math.round((request.kwh / power) * HOUR_MS) > Math.round(request.minutes * 60_000)) {
    const field = request.power_kw === undefined ? 'kwh' : 'power_kw';
    const takes = Math.round((request.kwh / power) * 600) / 10;
    throw OcpiError.invalid(`Invalid field ${field}: ${request.kwh} kWh at ${power} kW takes ${takes} minutes, more than the ${request.minutes} planned`);
  }
  return power;
}
