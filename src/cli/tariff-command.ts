import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Type, type Static } from '@sinclair/typebox';
import { dropNullFields, OcpiString, optional } from '../ocpi/types/common.js';
import { ChargingPeriod } from '../ocpi/types/sessions.js';
import { Tariff } from '../ocpi/types/tariffs.js';
import { findProblems } from '../ocpi/validation.js';
import { repriceCdr, TariffError, type CdrPrice, type CdrTotals } from '../tariff/index.js';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const USAGE = `usage:
  evroam tariff price --tariff TARIFF.json --cdr CDR.json [--time-zone ZONE]
      re-prices the CDR's charging periods with the tariff (offline); prints the totals
  evroam tariff preview --party CC-PID --location ID --evse UID [--connector ID] --start ISO --kwh N --minutes N [--power-kw N] [--type TARIFF_TYPE] [--config FILE]
      the price of a planned session at one of the party's EVSEs (asks the running service)`;

/** What `tariff price` reads of a CDR: its periods, and where its time zone may be. */
const PricedCdr = Type.Object({
  charging_periods: Type.Array(ChargingPeriod, { minItems: 1 }),
  cdr_location: optional(Type.Object({ time_zone: optional(OcpiString(255)) })),
  location: optional(Type.Object({ time_zone: optional(OcpiString(255)) })),
});
type PricedCdr = Static<typeof PricedCdr>;

const TOTALS = ['total_cost', 'total_energy', 'total_energy_cost', 'total_time', 'total_time_cost', 'total_parking_time', 'total_parking_cost', 'total_fixed_cost', 'total_reservation_cost'] as const;

/** `evroam tariff price|preview`. Prints JSON. */
export async function tariffCommand(args: string[]): Promise<unknown> {
  const [action, ...rest] = args;
  switch (action) {
    case 'price':
      return priceCommand(rest);
    case 'preview':
      return previewCommand(rest);
    default:
      throw new CliError(action ? `unknown tariff action "${action}"\n${USAGE}` : USAGE, 2);
  }
}

function options<T extends Record<string, { type: 'string' }>>(args: string[], spec: T): Partial<Record<keyof T, string>> {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Partial<Record<keyof T, string>>;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`missing --${flag}\n${USAGE}`, 2);
  return value;
}

/**
 * `tariff price`: the CDR's totals as the tariff gives them, without a running service. The time
 * zone is --time-zone, else the CDR's location's when the file says it (a 2.2.1 CdrLocation has
 * none, so only a `time_zone` on `cdr_location`, or a Location object as `location`), else UTC.
 */
function priceCommand(args: string[]): Record<string, CdrPrice | number> {
  const values = options(args, { tariff: { type: 'string' }, cdr: { type: 'string' }, 'time-zone': { type: 'string' } });
  const tariffFile = required(values.tariff, 'tariff');
  const cdrFile = required(values.cdr, 'cdr');
  const tariff = readChecked(tariffFile, Tariff, 'a Tariff object');
  const cdr = readChecked(cdrFile, PricedCdr, 'a CDR object');

  const zone = values['time-zone'] !== undefined
    ? { timeZone: values['time-zone'], source: '--time-zone' }
    : cdr.cdr_location?.time_zone !== undefined
      ? { timeZone: cdr.cdr_location.time_zone, source: `${cdrFile}: cdr_location.time_zone` }
      : cdr.location?.time_zone !== undefined
        ? { timeZone: cdr.location.time_zone, source: `${cdrFile}: location.time_zone` }
        : { timeZone: 'UTC', source: 'UTC' };

  let totals: CdrTotals;
  try {
    totals = repriceCdr({ tariff, timeZone: zone.timeZone, cdr });
  } catch (error) {
    if (!(error instanceof TariffError)) throw error;
    const where = { INVALID_CDR: cdrFile, INVALID_TIME_ZONE: zone.source, TARIFF_NOT_ACTIVE: `${tariffFile}: start_date_time/end_date_time` }[error.code as string] ?? tariffFile;
    throw new CliError(`${where}: ${error.message}`, 2);
  }
  if (zone.source === 'UTC') process.stderr.write(`evroam: ${cdrFile} does not say the location's time zone; priced in UTC (give --time-zone)\n`);
  return Object.fromEntries(TOTALS.map((field) => [field, rounded(totals[field])]));
}

/** Prices and volumes to 4 decimals: the engine's money is already, its hours are exact. */
function rounded(value: CdrPrice | number): CdrPrice | number {
  const round = (n: number) => Math.round(n * 10_000) / 10_000 + 0;
  return typeof value === 'number' ? round(value) : { excl_vat: round(value.excl_vat), incl_vat: round(value.incl_vat) };
}

/** Reads a JSON file and checks it against a schema; every failure names the file and the field. */
function readChecked<T extends Parameters<typeof findProblems>[0]>(file: string, schema: T, what: string): Static<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, 2);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`${file} must hold ${what}`, 2);
  value = dropNullFields(value);
  const [first] = findProblems(schema, value);
  if (first) throw new CliError(`${file}: ${first.field}: ${first.message}`, 2);
  return value as Static<T>;
}

/** `tariff preview`: asks the running service's `POST /api/tariffs/preview`. */
async function previewCommand(args: string[]): Promise<unknown> {
  const values = options(args, {
    party: { type: 'string' },
    location: { type: 'string' },
    evse: { type: 'string' },
    connector: { type: 'string' },
    start: { type: 'string' },
    kwh: { type: 'string' },
    minutes: { type: 'string' },
    'power-kw': { type: 'string' },
    type: { type: 'string' },
    config: { type: 'string' },
  });
  const start = new Date(required(values.start, 'start'));
  if (Number.isNaN(start.getTime())) throw new CliError(`--start: ${JSON.stringify(values.start)} is not an ISO 8601 date and time`, 2);
  const body = {
    party: required(values.party, 'party'),
    location_id: required(values.location, 'location'),
    evse_uid: required(values.evse, 'evse'),
    ...(values.connector === undefined ? {} : { connector_id: values.connector }),
    ...(values.type === undefined ? {} : { tariff_type: values.type }),
    start: start.toISOString(),
    kwh: number(required(values.kwh, 'kwh'), 'kwh', true),
    minutes: number(required(values.minutes, 'minutes'), 'minutes', false),
    ...(values['power-kw'] === undefined ? {} : { power_kw: number(values['power-kw'], 'power-kw', false) }),
  };
  return AdminClient.fromConfig(values.config).call('POST', '/tariffs/preview', body);
}

function number(text: string, flag: string, zeroAllowed: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new CliError(`--${flag}: ${JSON.stringify(text)} is not a ${zeroAllowed ? 'non-negative' : 'positive'} number`, 2);
  }
  return value;
}
