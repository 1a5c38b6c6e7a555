import { Type, type Static } from '@sinclair/typebox';
import { CdrLocation } from '../../ocpi/types/cdrs.js';
import { CiString, DateTime, OcpiString, optional } from '../../ocpi/types/common.js';
import { AuthMethod, CdrToken } from '../../ocpi/types/sessions.js';
import { Tariff } from '../../ocpi/types/tariffs.js';

/** A meter register reading in kWh: cumulative, so never negative. */
const MeterKwh = Type.Number({ minimum: 0 });

/**
 * What the charger gateway (and, until it exists, the admin API) gives to start a session. The
 * charge point is a snapshot taken now: the CDR must show location and tariff as they were at
 * session start (OCPI 2.2.1 "CDRs", CdrLocation and tariffs), whatever changes later.
 */
export const StartSessionInput = Type.Object({
  cdr_token: CdrToken,
  auth_method: AuthMethod,
  authorization_reference: optional(CiString(36)),
  /** Defaults to now. */
  start_date_time: optional(DateTime),
  meter_start_kwh: MeterKwh,
  meter_id: optional(OcpiString(255)),
  /** PENDING: created before every precondition is met; the first meter reading activates it. */
  status: optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('PENDING')])),
  location: CdrLocation,
  /** IANA time zone of the Location (Location.time_zone). */
  time_zone: OcpiString(255, { minLength: 1 }),
  tariff: Tariff,
});
export type StartSessionInput = Static<typeof StartSessionInput>;

export const MeterReadingInput = Type.Object({
  /** Defaults to now. */
  at: optional(DateTime),
  meter_kwh: MeterKwh,
  power_kw: optional(Type.Number({ minimum: 0 })),
  /** Summed over phases. */
  current_a: optional(Type.Number({ minimum: 0 })),
  /** PARKED: connected but not taking energy (OCPI 2.2.1-d2 PARKING_TIME). Defaults to CHARGING. */
  state: optional(Type.Union([Type.Literal('CHARGING'), Type.Literal('PARKED')])),
});
export type MeterReadingInput = Static<typeof MeterReadingInput>;

export const StopSessionInput = Type.Object({
  at: optional(DateTime),
  meter_kwh: MeterKwh,
});
export type StopSessionInput = Static<typeof StopSessionInput>;

/**
 * The same start, by the ids a charger knows: location, EVSE and connector are looked up, and
 * their snapshot and tariff filled in, at the moment the session starts.
 */
export const StartAtChargePointInput = Type.Composite([
  Type.Omit(StartSessionInput, ['location', 'time_zone', 'tariff']),
  Type.Object({ location_id: CiString(36), evse_uid: CiString(36), connector_id: CiString(36) }),
]);
export type StartAtChargePointInput = Static<typeof StartAtChargePointInput>;
