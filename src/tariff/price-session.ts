import type { ChargingPeriod, Tariff } from './tariff-model.js';
import { compileTariff } from './compiled-tariff.js';
import { selectForPeriods } from './component-selection.js';
import { assertTimeZone, formatInstant, parseInstant } from './local-time.js';
import { mergePeriods } from './period-merging.js';
import { splitReservation, splitSession } from './period-splitting.js';
import { toChargingPeriods } from './charging-periods.js';
import { TariffError } from './tariff-error.js';
import { parseTimeline, type MeterSample, type ReservationWindow } from './timeline.js';
import { priceMeteredPeriods, type PricedTotals } from './totals.js';

export interface PriceSessionInput {
  readonly tariff: Tariff;
  /** IANA time zone of the Location (Location.time_zone): restrictions read its local clock. */
  readonly timeZone: string;
  /** Samples from session start to session end; empty when a reservation expired unused. */
  readonly timeline: readonly MeterSample[];
  readonly reservation?: ReservationWindow;
}

/** What a CDR needs from the engine: its period list, its time frame and every total. */
export interface PricedSession extends PricedTotals {
  readonly currency: string;
  /** Session start, or reservation start when there was one (Mod CDRs §CDR start_date_time). */
  readonly start_date_time: string;
  readonly end_date_time: string;
  readonly charging_periods: readonly ChargingPeriod[];
}

function reservationSpan(reservation: ReservationWindow, sessionStartMs: number | undefined): { startMs: number; endMs: number } {
  const startMs = parseInstant(reservation.start, 'reservation.start', 'INVALID_RESERVATION');
  const endMs = parseInstant(reservation.end, 'reservation.end', 'INVALID_RESERVATION');
  if (endMs <= startMs) throw new TariffError('INVALID_RESERVATION', 'reservation.end must be after reservation.start');
  if (sessionStartMs !== undefined && endMs > sessionStartMs) {
    throw new TariffError('INVALID_RESERVATION', 'a reservation ends when the session starts, not later');
  }
  return { startMs, endMs };
}

/** Prices a metered session (and its reservation) and produces the CDR's charging periods and totals. */
export function priceSession({ tariff, timeZone, timeline, reservation }: PriceSessionInput): PricedSession {
  assertTimeZone(timeZone);
  const compiled = compileTariff(tariff);
  const samples = parseTimeline(timeline);
  const span = reservation && reservationSpan(reservation, samples[0]?.ms);
  const startMs = span?.startMs ?? samples[0]?.ms;
  const endMs = samples.at(-1)?.ms ?? span?.endMs;
  if (startMs === undefined || endMs === undefined) {
    throw new TariffError('INVALID_TIMELINE', 'an empty timeline is only possible for an expired reservation');
  }
  const fine = [
    ...(span ? splitReservation(compiled, timeZone, span.startMs, span.endMs) : []),
    ...splitSession(compiled, timeZone, samples),
  ];
  const periods = mergePeriods(fine, selectForPeriods(compiled, timeZone, fine));
  return {
    currency: tariff.currency,
    start_date_time: formatInstant(startMs),
    end_date_time: formatInstant(endMs),
    charging_periods: toChargingPeriods(periods, tariff.id),
    ...priceMeteredPeriods(compiled, timeZone, periods),
  };
}
