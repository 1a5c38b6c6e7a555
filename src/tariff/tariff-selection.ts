import { isActiveAt, validityWindow } from './compiled-tariff.js';
import { parseInstant } from './local-time.js';
import type { Tariff, TariffType } from './tariff-model.js';

/** Whether a session starting at `at` may use the tariff (its start/end_date_time window). */
export function isTariffActive(tariff: Tariff, at: string): boolean {
  return isActiveAt(validityWindow(tariff), parseInstant(at, 'at', 'INVALID_TIMELINE'));
}

/**
 * The tariff of a connector's list (Connector.tariff_ids, resolved) that applies to a session of
 * the given kind starting at `at`: AD_HOC_PAYMENT for a payment terminal, PROFILE_* for a
 * Charging Preference, REGULAR otherwise (Mod Tariffs §TariffType). A tariff of exactly that type
 * wins over an untyped one ("when omitted, this tariff is valid for all sessions"); among equals
 * the list order decides. Tariffs outside their validity window are skipped, which is how a
 * connector listing an old and a new tariff switches between them (Mod Tariffs example 6).
 * Undefined when none applies: a PROFILE_* session does not fall back to REGULAR.
 */
export function selectTariff(tariffs: readonly Tariff[], sessionType: TariffType, at: string): Tariff | undefined {
  const active = tariffs.filter((t) => isTariffActive(t, at));
  return active.find((t) => t.type === sessionType) ?? active.find((t) => t.type === undefined);
}
