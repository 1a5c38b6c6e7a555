import type { ClockCorrection } from './charger-events.js';

/** A charger running ahead of us by more than this has a wrong clock; less is ordinary drift. */
export const CLOCK_AHEAD_TOLERANCE_MS = 5 * 60_000;

/**
 * A timestamp older than this is a clock that was never set (chargers that lose their clock at boot
 * start at 1970 or 2000) rather than a queued message: chargers deliver queued transaction
 * messages days or weeks late (OCPP 1.6 §4.8 "Transaction-related messages"), not years.
 */
export const CLOCK_MAX_AGE_MS = 2 * 365 * 24 * 3600_000;

/** A charger's timestamp as we use it: UTC ISO 8601, and the charger's own value when we did not believe it. */
export interface ChargerTime {
  at: string;
  clock?: ClockCorrection;
}

/**
 * A charger's timestamp as UTC ISO 8601. A timestamp more than five minutes ahead of our clock,
 * more than two years behind it, or that does not parse, is replaced by the time of receipt and
 * returned as a correction, so the charger's value is kept as evidence. An absent timestamp (it is
 * optional in StatusNotification 1.6) is simply the time of receipt.
 *
 * A timestamp before the charger's last boot is believed: after a reboot a charger replays the
 * transaction messages it queued before it, with their original times.
 */
export function chargerTime(value: string | undefined, receivedAt: Date = new Date()): ChargerTime {
  const now = receivedAt.toISOString();
  if (value === undefined) return { at: now };
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return { at: now, clock: { reported: value, reason: 'unreadable' } };
  if (parsed > receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS) return { at: now, clock: { reported: value, reason: 'ahead' } };
  if (parsed < receivedAt.getTime() - CLOCK_MAX_AGE_MS) return { at: now, clock: { reported: value, reason: 'too_old' } };
  return { at: new Date(parsed).toISOString() };
}
