import { Type, type Static } from '@sinclair/typebox';
import { CiString, DateTime, optional } from '../../ocpi/types/common.js';
import { TariffType } from '../../ocpi/types/tariffs.js';

/** A planned session at an EVSE of a hosted CPO party: what `POST /api/tariffs/preview` takes. */
export const PricePreviewRequest = Type.Object({
  /** The CPO party, `NL-CPO`. */
  party: Type.String({ minLength: 1 }),
  location_id: CiString(36),
  evse_uid: CiString(36),
  /** May be left out when every connector of the EVSE has the same tariffs. */
  connector_id: optional(CiString(36)),
  /** Which kind of session (OCPI 2.2.1 "Tariffs", TariffType); REGULAR when left out. */
  tariff_type: optional(TariffType),
  /** When the session starts. */
  start: DateTime,
  /** Energy the driver expects to charge, kWh. */
  kwh: Type.Number({ minimum: 0 }),
  /** How long the car stays connected, charging and parked. */
  minutes: Type.Number({ exclusiveMinimum: 0 }),
  /** Charging power; by default the connector's max_electric_power, else the energy spread over the whole stay. */
  power_kw: optional(Type.Number({ exclusiveMinimum: 0 })),
});
export type PricePreviewRequest = Static<typeof PricePreviewRequest>;
