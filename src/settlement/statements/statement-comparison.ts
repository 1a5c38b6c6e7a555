import { Money } from '../money.js';
import type { PartnerLine } from './partner-csv.js';

/** Our line as compared: decimals as text. */
export interface OurLine {
  cdr_id: string;
  total_excl_vat: string | number;
  energy_kwh: string | number;
  currency: string;
  credit: boolean;
}

export type Difference =
  | { cdr_id: string; kind: 'only_ours'; ours: { total_excl_vat: number } }
  | { cdr_id: string; kind: 'only_theirs'; line: number; theirs: { total_excl_vat: number } }
  | { cdr_id: string; kind: 'total_excl_vat' | 'energy_kwh'; line: number; ours: number; theirs: number }
  | { cdr_id: string; kind: 'currency'; line: number; ours: string; theirs: string }
  | { cdr_id: string; kind: 'credit'; line: number; ours: boolean; theirs: boolean };

export interface Comparison {
  compared_at: string;
  our_lines: number;
  their_lines: number;
  matched: number;
  agreed: boolean;
  differences: Difference[];
}

/** Our statement against the partner's, line by line by CDR id (case-insensitive, as OCPI compares ids). */
export function compareStatements(ours: readonly OurLine[], theirs: readonly PartnerLine[], now: Date): Comparison {
  const theirsById = new Map(theirs.map((line) => [line.cdr_id.toUpperCase(), line]));
  const differences: Difference[] = [];
  let matched = 0;
  for (const our of ours) {
    const their = theirsById.get(our.cdr_id.toUpperCase());
    if (!their) {
      differences.push({ cdr_id: our.cdr_id, kind: 'only_ours', ours: { total_excl_vat: Number(our.total_excl_vat) } });
      continue;
    }
    theirsById.delete(our.cdr_id.toUpperCase());
    const before = differences.length;
    if (!new Money(our.total_excl_vat).equals(their.total_excl_vat)) differences.push({ cdr_id: our.cdr_id, kind: 'total_excl_vat', line: their.line, ours: Number(our.total_excl_vat), theirs: Number(their.total_excl_vat) });
    if (their.energy_kwh !== undefined && !new Money(our.energy_kwh).equals(their.energy_kwh)) differences.push({ cdr_id: our.cdr_id, kind: 'energy_kwh', line: their.line, ours: Number(our.energy_kwh), theirs: Number(their.energy_kwh) });
    if (their.currency !== undefined && their.currency !== our.currency) differences.push({ cdr_id: our.cdr_id, kind: 'currency', line: their.line, ours: our.currency, theirs: their.currency });
    if (their.credit !== undefined && their.credit !== our.credit) differences.push({ cdr_id: our.cdr_id, kind: 'credit', line: their.line, ours: our.credit, theirs: their.credit });
    if (differences.length === before) matched++;
  }
  for (const their of theirsById.values()) differences.push({ cdr_id: their.cdr_id, kind: 'only_theirs', line: their.line, theirs: { total_excl_vat: Number(their.total_excl_vat) } });
  return { compared_at: now.toISOString(), our_lines: ours.length, their_lines: theirs.length, matched, agreed: differences.length === 0, differences };
}
