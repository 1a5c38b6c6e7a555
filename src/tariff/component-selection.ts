import type { CompiledComponent, CompiledElement, CompiledTariff } from './compiled-tariff.js';
import { ZERO } from './decimal.js';
import { localClock } from './local-time.js';
import type { MeteredPeriod } from './metered-period.js';
import { restrictionsHold, type PeriodFacts } from './restrictions.js';
import { TARIFF_DIMENSIONS, type TariffDimensionType } from './tariff-model.js';

// Element choice, Mod Tariffs §Tariff: per dimension, the first element in list order that has a
// component of that dimension and whose restrictions all hold. Dimensions choose independently;
// a dimension no element prices is free.

export type ActiveComponents = Readonly<Partial<Record<TariffDimensionType, CompiledComponent>>>;

/**
 * Which elements may price a period. Elements with a `reservation` restriction price only the
 * reservation, the others only the session (§TariffRestrictions reservation). For a reservation
 * that expired, RESERVATION_EXPIRES elements come first: "the time based cost of an expired
 * reservation will be calculated based on the RESERVATION_EXPIRES Tariff Element"
 * (§ReservationRestrictionType), whatever their order in the list.
 */
function candidates(tariff: CompiledTariff, period: MeteredPeriod, reservationExpired: boolean): CompiledElement[] {
  const { elements } = tariff;
  if (period.phase === 'SESSION') return elements.filter((e) => e.restrictions.reservation === undefined);
  const reserved = elements.filter((e) => e.restrictions.reservation === 'RESERVATION');
  if (!reservationExpired) return reserved;
  return [...elements.filter((e) => e.restrictions.reservation === 'RESERVATION_EXPIRES'), ...reserved];
}

function selectComponents(elements: readonly CompiledElement[], facts: PeriodFacts): ActiveComponents {
  const active: Partial<Record<TariffDimensionType, CompiledComponent>> = {};
  const holds = new Map<CompiledElement, boolean>();
  for (const dimension of TARIFF_DIMENSIONS) {
    for (const element of elements) {
      const component = element.components.get(dimension);
      if (component === undefined) continue;
      let ok = holds.get(element);
      if (ok === undefined) {
        ok = restrictionsHold(element.restrictions, facts);
        holds.set(element, ok);
      }
      if (ok) {
        active[dimension] = component;
        break;
      }
    }
  }
  return active;
}

/** The active components of each period, evaluated at each period's start. */
export function selectForPeriods(
  tariff: CompiledTariff,
  timeZone: string,
  periods: readonly MeteredPeriod[],
): ActiveComponents[] {
  const sessionStart = periods.find((p) => p.phase === 'SESSION')?.startMs;
  const reservationStart = periods.find((p) => p.phase === 'RESERVATION')?.startMs;
  const reservationExpired = sessionStart === undefined;
  let energyBefore = ZERO;
  return periods.map((period) => {
    const origin = (period.phase === 'SESSION' ? sessionStart : reservationStart) ?? period.startMs;
    const facts: PeriodFacts = {
      clock: localClock(period.startMs, timeZone),
      energyBeforeKwh: energyBefore,
      ageMs: period.startMs - origin,
      power: period.power,
      current: period.current,
    };
    energyBefore = energyBefore.plus(period.energyKwh);
    return selectComponents(candidates(tariff, period, reservationExpired), facts);
  });
}
