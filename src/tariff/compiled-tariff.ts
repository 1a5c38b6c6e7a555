import { Dec } from './decimal.js';
import { parseInstant, type Weekday } from './local-time.js';
import { TariffError } from './tariff-error.js';
import {
  TARIFF_DIMENSIONS,
  type DayOfWeek,
  type Price,
  type PriceComponent,
  type ReservationRestrictionType,
  type Tariff,
  type TariffDimensionType,
  type TariffRestrictions,
} from './tariff-model.js';

// A Tariff checked once and turned into exact numbers, so pricing never re-parses wire strings.

const DAY_MS = 86_400_000;
const CLOCK_TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const DATE = /^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const WEEKDAYS: Record<DayOfWeek, Weekday> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

export interface CompiledComponent {
  readonly dimension: TariffDimensionType;
  /** Per kWh, per hour, or per session (FLAT), excl. VAT. */
  readonly price: Dec;
  /** VAT as a fraction (0.2 for 20 %); undefined when the tariff gives none, i.e. no VAT applies. */
  readonly vatRate: Dec | undefined;
  /** In Wh (ENERGY) or seconds (TIME, PARKING_TIME); 0 means no rounding. */
  readonly stepSize: number;
}

export interface CompiledRestrictions {
  /** Local clock window in ms since midnight; an end of 00:00 means end of day (24:00). */
  readonly startTimeMs?: number;
  readonly endTimeMs?: number;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly minKwh?: Dec;
  readonly maxKwh?: Dec;
  readonly minCurrent?: Dec;
  readonly maxCurrent?: Dec;
  readonly minPower?: Dec;
  readonly maxPower?: Dec;
  readonly minDurationMs?: number;
  readonly maxDurationMs?: number;
  readonly weekdays?: ReadonlySet<Weekday>;
  readonly reservation?: ReservationRestrictionType;
}

export interface CompiledElement {
  readonly components: ReadonlyMap<TariffDimensionType, CompiledComponent>;
  readonly restrictions: CompiledRestrictions;
}

export interface PriceLimit {
  readonly excl: Dec;
  readonly incl: Dec | undefined;
}

/** Mod Tariffs §Tariff start_date_time/end_date_time, epoch ms. */
export interface ValidityWindow {
  readonly validFromMs: number | undefined;
  readonly validUntilMs: number | undefined;
}

export interface CompiledTariff extends ValidityWindow {
  readonly id: string;
  readonly currency: string;
  readonly elements: readonly CompiledElement[];
  readonly minPrice: PriceLimit | undefined;
  readonly maxPrice: PriceLimit | undefined;
  /** Local clock times (ms since midnight) where some time or date restriction can flip. */
  readonly clockBoundaries: readonly number[];
  readonly kwhThresholds: readonly Dec[];
  readonly durationThresholdsMs: readonly number[];
}

function invalid(message: string): never {
  throw new TariffError('INVALID_TARIFF', message);
}

function finiteNumber(value: unknown, where: string): Dec {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(`${where} must be a finite number`);
  return new Dec(value);
}

function clockTime(value: unknown, where: string): number {
  const match = typeof value === 'string' ? CLOCK_TIME.exec(value) : null;
  if (!match) invalid(`${where} '${String(value)}' is not HH:MM`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

function calendarDate(value: unknown, where: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    invalid(`${where} '${String(value)}' is not YYYY-MM-DD`);
  }
  return value;
}

function weekday(value: unknown, where: string): Weekday {
  const day = (WEEKDAYS as Record<string, Weekday | undefined>)[String(value)];
  return day ?? invalid(`${where} '${String(value)}' is not a DayOfWeek`);
}

function durationMs(value: unknown, where: string): number {
  const seconds = finiteNumber(value, where);
  if (seconds.isNegative()) invalid(`${where} must not be negative`);
  return seconds.times(1000).round().toNumber();
}

function compileComponent(component: PriceComponent, where: string): CompiledComponent {
  if (!TARIFF_DIMENSIONS.includes(component.type)) invalid(`${where}.type '${String(component.type)}' is not a TariffDimensionType`);
  const stepSize = component.step_size;
  if (!Number.isInteger(stepSize) || stepSize < 0) invalid(`${where}.step_size must be a non-negative integer`);
  const vat = component.vat ?? undefined; // absent (or JSON null): no VAT applies, unlike 0.0
  return {
    dimension: component.type,
    price: finiteNumber(component.price, `${where}.price`),
    vatRate: vat === undefined ? undefined : finiteNumber(vat, `${where}.vat`).div(100),
    stepSize,
  };
}

function compileRestrictions(r: TariffRestrictions | undefined, where: string): CompiledRestrictions {
  if (r === undefined) return {};
  const optional = <T>(value: unknown, parse: (v: unknown, w: string) => T, field: string): T | undefined =>
    value === undefined || value === null ? undefined : parse(value, `${where}.${field}`);
  const endTimeMs = optional(r.end_time, clockTime, 'end_time');
  const weekdays = r.day_of_week?.map((day) => weekday(day, `${where}.day_of_week`));
  if (r.reservation !== undefined && r.reservation !== 'RESERVATION' && r.reservation !== 'RESERVATION_EXPIRES') {
    invalid(`${where}.reservation '${String(r.reservation)}' is not a ReservationRestrictionType`);
  }
  return {
    startTimeMs: optional(r.start_time, clockTime, 'start_time'),
    // Mod Tariffs §TariffRestrictions: "To stop at end of the day use: 00:00".
    endTimeMs: endTimeMs === 0 ? DAY_MS : endTimeMs,
    startDate: optional(r.start_date, calendarDate, 'start_date'),
    endDate: optional(r.end_date, calendarDate, 'end_date'),
    minKwh: optional(r.min_kwh, finiteNumber, 'min_kwh'),
    maxKwh: optional(r.max_kwh, finiteNumber, 'max_kwh'),
    minCurrent: optional(r.min_current, finiteNumber, 'min_current'),
    maxCurrent: optional(r.max_current, finiteNumber, 'max_current'),
    minPower: optional(r.min_power, finiteNumber, 'min_power'),
    maxPower: optional(r.max_power, finiteNumber, 'max_power'),
    minDurationMs: optional(r.min_duration, durationMs, 'min_duration'),
    maxDurationMs: optional(r.max_duration, durationMs, 'max_duration'),
    weekdays: weekdays && weekdays.length > 0 ? new Set(weekdays) : undefined,
    reservation: r.reservation,
  };
}

function compileLimit(price: Price | undefined, where: string): PriceLimit | undefined {
  if (price === undefined || price === null) return undefined;
  return {
    excl: finiteNumber(price.excl_vat, `${where}.excl_vat`),
    incl: price.incl_vat === undefined || price.incl_vat === null ? undefined : finiteNumber(price.incl_vat, `${where}.incl_vat`),
  };
}

export function compileTariff(tariff: Tariff): CompiledTariff {
  if (typeof tariff?.id !== 'string') invalid('tariff.id is missing');
  if (!Array.isArray(tariff.elements) || tariff.elements.length === 0) invalid('tariff.elements must list at least one element');

  const elements = tariff.elements.map((element, index): CompiledElement => {
    const where = `elements[${index}]`;
    if (!Array.isArray(element.price_components) || element.price_components.length === 0) {
      invalid(`${where}.price_components must list at least one component`);
    }
    const components = new Map<TariffDimensionType, CompiledComponent>();
    element.price_components.forEach((component: PriceComponent, c: number) => {
      const compiled = compileComponent(component, `${where}.price_components[${c}]`);
      // Only one component per dimension can be active (Mod Tariffs §Tariff): the first one counts.
      if (!components.has(compiled.dimension)) components.set(compiled.dimension, compiled);
    });
    return { components, restrictions: compileRestrictions(element.restrictions, `${where}.restrictions`) };
  });

  const clock: number[] = [];
  const kwh: Dec[] = [];
  const durations: number[] = [];
  for (const { restrictions: r } of elements) {
    for (const t of [r.startTimeMs, r.endTimeMs]) if (t !== undefined) clock.push(t % DAY_MS);
    // Dates and weekdays flip at local midnight.
    if (r.startDate !== undefined || r.endDate !== undefined || r.weekdays !== undefined) clock.push(0);
    for (const k of [r.minKwh, r.maxKwh]) if (k !== undefined) kwh.push(k);
    for (const d of [r.minDurationMs, r.maxDurationMs]) if (d !== undefined) durations.push(d);
  }

  return {
    id: tariff.id,
    currency: tariff.currency,
    elements,
    minPrice: compileLimit(tariff.min_price, 'min_price'),
    maxPrice: compileLimit(tariff.max_price, 'max_price'),
    ...validityWindow(tariff),
    clockBoundaries: [...new Set(clock)],
    kwhThresholds: kwh, // a repeated threshold only repeats a cut, which splitting drops
    durationThresholdsMs: [...new Set(durations)],
  };
}

export function validityWindow(tariff: Tariff): ValidityWindow {
  return {
    validFromMs: tariff.start_date_time ? parseInstant(tariff.start_date_time, 'start_date_time', 'INVALID_TARIFF') : undefined,
    validUntilMs: tariff.end_date_time ? parseInstant(tariff.end_date_time, 'end_date_time', 'INVALID_TARIFF') : undefined,
  };
}

/**
 * Whether a session starting at `instantMs` may use the tariff: from start_date_time ("the time
 * when this tariff becomes active") through end_date_time ("the time after which this tariff is
 * no longer valid"), both inclusive.
 */
export function isActiveAt(window: ValidityWindow, instantMs: number): boolean {
  return (
    (window.validFromMs === undefined || instantMs >= window.validFromMs) &&
    (window.validUntilMs === undefined || instantMs <= window.validUntilMs)
  );
}
