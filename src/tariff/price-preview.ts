import { formatInstant, parseInstant } from './local-time.js';
import { priceSession, type PricedSession } from './price-session.js';
import { TariffError } from './tariff-error.js';
import type { Tariff } from './tariff-model.js';
import type { MeterSample, ReservationWindow } from './timeline.js';

/** A session as a driver plans it: charge at constant power until the energy is in, then stay parked. */
export interface PlannedSession {
  readonly start: string;
  readonly energyKwh: number;
  readonly powerKw: number;
  /** Current summed over phases while charging; leave out when unknown. */
  readonly currentA?: number;
  /** Connected time; defaults to the charging time. Anything beyond it is parking time. */
  readonly durationSeconds?: number;
}

export interface PreviewPriceInput {
  readonly tariff: Tariff;
  readonly timeZone: string;
  readonly plan: PlannedSession;
  readonly reservation?: ReservationWindow;
}

function invalid(message: string): never {
  throw new TariffError('INVALID_PLAN', message);
}

/** The metering timeline the plan would produce. */
export function plannedTimeline(plan: PlannedSession): MeterSample[] {
  const { energyKwh, powerKw, currentA } = plan;
  if (!Number.isFinite(energyKwh) || energyKwh < 0) invalid('energyKwh must be a non-negative number');
  if (energyKwh > 0 && !(Number.isFinite(powerKw) && powerKw > 0)) invalid('powerKw must be positive to deliver energy');
  const startMs = parseInstant(plan.start, 'plan.start', 'INVALID_PLAN');
  const chargingMs = energyKwh > 0 ? Math.round((energyKwh / powerKw) * 3_600_000) : 0;
  const durationMs = plan.durationSeconds === undefined ? chargingMs : Math.round(plan.durationSeconds * 1000);
  if (!Number.isFinite(durationMs) || durationMs <= 0) invalid('the plan must last some time');
  if (durationMs < chargingMs) invalid(`delivering ${energyKwh} kWh at ${powerKw} kW takes longer than durationSeconds`);

  const idle = { powerKw: 0, ...(currentA === undefined ? {} : { currentA: 0 }) };
  const samples: MeterSample[] = [];
  if (chargingMs > 0) samples.push({ at: formatInstant(startMs), energyKwh: 0, powerKw, currentA, state: 'CHARGING' });
  samples.push({ at: formatInstant(startMs + chargingMs), energyKwh, ...idle, state: 'PARKED' });
  if (durationMs > chargingMs) samples.push({ at: formatInstant(startMs + durationMs), energyKwh, ...idle, state: 'PARKED' });
  return samples;
}

/**
 * The price of a planned session, computed by pricing the timeline the plan describes with the
 * same engine that prices the real session, so the preview is what the CDR will say if the
 * session goes as planned.
 */
export function previewPrice({ tariff, timeZone, plan, reservation }: PreviewPriceInput): PricedSession {
  return priceSession({ tariff, timeZone, timeline: plannedTimeline(plan), reservation });
}
