import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import { formatParty, sameParty, type PartyRef } from '../../ocpi/headers.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Price } from '../../ocpi/types/common.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { CdrProblem } from '../../store/tables/session-tables.js';
import { appliedTariff, MONEY_TOLERANCE } from './cdr-repricing.js';
import { energyCeilingKwh } from './energy-ceiling.js';

const HOUR_MS = 3_600_000;
/** Volumes compared to 10 Wh and 36 s: CPOs round period volumes before they add them up. */
const ENERGY_TOLERANCE_KWH = 0.01;
const TIME_TOLERANCE_HOURS = 0.01;

const COST_PARTS = ['total_fixed_cost', 'total_energy_cost', 'total_time_cost', 'total_parking_cost', 'total_reservation_cost'] as const;

/**
 * What makes a well-formed CDR implausible to the eMSP that `receiver` is: each problem names the
 * field. Checks that need storage (a known token, the CDR a credit refers to) are the caller's,
 * and so are periods the tariff engine cannot read, found by the one re-pricing pass
 * (cdr-repricing.ts), where a price that differs is flagged, not refused.
 */
export function findCdrProblems(cdr: CDR, receiver: PartyRef): CdrProblem[] {
  return [...identityProblems(cdr, receiver), ...timeProblems(cdr), ...energyProblems(cdr), ...costProblems(cdr, appliedTariff(cdr))];
}

function identityProblems(cdr: CDR, receiver: PartyRef): CdrProblem[] {
  const problems: CdrProblem[] = [];
  const issuer = { countryCode: cdr.cdr_token.country_code, partyId: cdr.cdr_token.party_id };
  // A CPO sends a CDR to the eMSP of its token only (OCPI 2.2.1 "CDRs").
  if (!sameParty(issuer, receiver)) problems.push({ field: 'cdr_token.party_id', reason: `the token is ${formatParty(issuer)}'s, not ${formatParty(receiver)}'s` });
  if (!/^[A-Z]{3}$/.test(cdr.currency)) problems.push({ field: 'currency', reason: `${JSON.stringify(cdr.currency)} is not an ISO 4217 code (three upper-case letters)` });
  cdr.tariffs?.forEach((t, i) => {
    if (t.currency !== cdr.currency) problems.push({ field: `tariffs[${i}].currency`, reason: `${t.currency} differs from the CDR's ${cdr.currency}` });
  });
  if (cdr.credit && cdr.credit_reference_id === undefined) problems.push({ field: 'credit_reference_id', reason: 'a credit CDR names the CDR it credits' });
  if (!cdr.credit && cdr.credit_reference_id !== undefined) problems.push({ field: 'credit', reason: 'credit_reference_id is only for credit CDRs (credit: true)' });
  if (cdr.credit && cdr.total_cost.excl_vat > 0) problems.push({ field: 'total_cost.excl_vat', reason: 'a credit CDR carries negated costs' });
  if (!cdr.credit && cdr.total_cost.excl_vat < 0) problems.push({ field: 'total_cost.excl_vat', reason: 'is negative on a CDR that is not a credit' });
  return problems;
}

function timeProblems(cdr: CDR): CdrProblem[] {
  const start = instant(cdr.start_date_time);
  const end = instant(cdr.end_date_time);
  if (end <= start) return [{ field: 'end_date_time', reason: `${cdr.end_date_time} is not after start_date_time ${cdr.start_date_time}` }];
  const problems: CdrProblem[] = [];
  cdr.charging_periods.forEach((p, i) => {
    const at = instant(p.start_date_time);
    if (at < start || at >= end) problems.push({ field: `charging_periods[${i}].start_date_time`, reason: `${p.start_date_time} lies outside the session` });
  });
  const hours = (end - start) / HOUR_MS;
  if (cdr.total_time < 0 || cdr.total_time > hours + TIME_TOLERANCE_HOURS) problems.push({ field: 'total_time', reason: `${cdr.total_time} h does not fit in the ${round(hours)} h between start and end` });
  const parking = cdr.total_parking_time;
  if (parking !== undefined && (parking < 0 || parking > cdr.total_time + TIME_TOLERANCE_HOURS)) problems.push({ field: 'total_parking_time', reason: `${parking} h is not part of total_time ${cdr.total_time} h` });
  const timed = sumOf(cdr, ['TIME', 'PARKING_TIME']);
  if (timed !== null && Math.abs(timed - cdr.total_time) > TIME_TOLERANCE_HOURS) problems.push({ field: 'total_time', reason: `is ${cdr.total_time} h, but the charging periods add up to ${round(timed)} h` });
  const parked = sumOf(cdr, ['PARKING_TIME']);
  if (parked !== null && parking !== undefined && Math.abs(parked - parking) > TIME_TOLERANCE_HOURS) problems.push({ field: 'total_parking_time', reason: `is ${parking} h, but the charging periods add up to ${round(parked)} h` });
  return problems;
}

/**
 * Energy is never negative, never more than the connector can deliver in the session's time
 * (energy-ceiling.ts), and equals the periods' ENERGY volumes. A credit CDR may state it negated.
 */
function energyProblems(cdr: CDR): CdrProblem[] {
  const problems: CdrProblem[] = [];
  const energy = cdr.credit ? Math.abs(cdr.total_energy) : cdr.total_energy;
  if (energy < 0) problems.push({ field: 'total_energy', reason: `${cdr.total_energy} kWh is negative` });
  const hours = Math.max(0, (instant(cdr.end_date_time) - instant(cdr.start_date_time)) / HOUR_MS);
  const ceiling = energyCeilingKwh(cdr.cdr_location.connector_power_type, hours);
  if (energy > ceiling) problems.push({ field: 'total_energy', reason: `${energy} kWh in ${round(hours)} h is more than a ${cdr.cdr_location.connector_power_type} connector delivers (at most ${round(ceiling)} kWh); sent in Wh?` });
  const metered = sumOf(cdr, ['ENERGY']);
  if (metered !== null && Math.abs(metered - energy) > ENERGY_TOLERANCE_KWH) problems.push({ field: 'total_energy', reason: `is ${cdr.total_energy} kWh, but the charging periods add up to ${round(metered)} kWh` });
  return problems;
}

/**
 * `total_cost` against its parts (OCPI 2.2.1 "CDRs"; ocpi-spec.md §8.9): never less than the parts
 * stated, and, when all five are stated, never more. The applied tariff's max_price may cap the
 * total below its parts and its min_price lift it above them. Compared on each tax basis stated
 * throughout, after undoing a credit's negation.
 */
function costProblems(cdr: CDR, tariff: Tariff | null): CdrProblem[] {
  const parts = COST_PARTS.map((field) => cdr[field]).filter((p): p is Price => p !== undefined);
  if (parts.length === 0) return [];
  const sign = cdr.credit ? -1 : 1;
  const problems: CdrProblem[] = [];
  for (const basis of ['excl_vat', 'incl_vat'] as const) {
    const stated = cdr.total_cost[basis];
    if (stated === undefined || parts.some((p) => p[basis] === undefined)) continue;
    const total = sign * stated;
    const sum = sign * parts.reduce((s, p) => s + p[basis]!, 0);
    const cap = tariff?.max_price?.[basis];
    const floor = tariff?.min_price?.[basis];
    const lowest = cap === undefined ? sum : Math.min(sum, cap);
    if (total < lowest - MONEY_TOLERANCE) problems.push({ field: `total_cost.${basis}`, reason: `${stated} is less than the sum of the stated cost parts, ${round(sign * sum)}` });
    const highest = floor === undefined ? sum : Math.max(sum, floor);
    if (parts.length === COST_PARTS.length && total > highest + MONEY_TOLERANCE) problems.push({ field: `total_cost.${basis}`, reason: `${stated} is more than the sum of all its cost parts, ${round(sign * sum)}` });
  }
  return problems;
}

/** The sum of the periods' volumes of these dimensions; null when no period states any of them. */
function sumOf(cdr: CDR, types: readonly string[]): number | null {
  const volumes = cdr.charging_periods.flatMap((p) => p.dimensions.filter((d) => types.includes(d.type)).map((d) => d.volume));
  return volumes.length === 0 ? null : volumes.reduce((s, v) => s + v, 0);
}

function instant(value: string): number {
  return parseOcpiDateTime(value)!.getTime();
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
