import { Money, moneyText } from '../money.js';
import type { Agreement } from './agreement.js';

/** What totals are computed from: a statement line as stored (decimals as text). */
export interface TotalledLine {
  cdr_key: string;
  credit: boolean;
  country: string;
  total_excl_vat: string | number;
  total_incl_vat: string | number;
}

/** Money as decimal text, excl. VAT unless named otherwise (docs/SETTLEMENT.md, "Totals"). */
export interface StatementTotals {
  lines: number;
  /** CDRs that are not credits and not held apart. */
  sessions: number;
  /** Σ of those CDRs. */
  gross: string;
  /** Σ of the credit CDRs (negative). */
  credits: string;
  /** Σ of the lines held apart by an open dispute; in neither gross nor credits. */
  disputed: string;
  disputed_lines: number;
  /** Hub fee per session plus the transaction fee on gross. */
  fees: string;
  /** gross + credits − fees. */
  net: string;
  /** VAT of the counted lines per country of charging (ISO 3166-1 alpha-3). */
  vat_by_country: Record<string, string>;
  /** gross + credits + VAT: what changes hands before fees. */
  total_incl_vat: string;
}

export function statementTotals(lines: readonly TotalledLine[], held: ReadonlySet<string>, agreement: Agreement): StatementTotals {
  let gross = new Money(0);
  let credits = new Money(0);
  let disputed = new Money(0);
  let incl = new Money(0);
  let sessions = 0;
  let disputedLines = 0;
  const vat = new Map<string, Money>();
  for (const line of lines) {
    const excl = new Money(line.total_excl_vat);
    if (held.has(line.cdr_key)) {
      disputed = disputed.plus(excl);
      disputedLines++;
      continue;
    }
    if (line.credit) credits = credits.plus(excl);
    else {
      gross = gross.plus(excl);
      sessions++;
    }
    incl = incl.plus(line.total_incl_vat);
    vat.set(line.country, (vat.get(line.country) ?? new Money(0)).plus(new Money(line.total_incl_vat).minus(excl)));
  }
  const fees = new Money(agreement.hub_fee_per_session).times(sessions).plus(gross.times(agreement.transaction_fee_percent).dividedBy(100));
  return {
    lines: lines.length,
    sessions,
    gross: moneyText(gross),
    credits: moneyText(credits),
    disputed: moneyText(disputed),
    disputed_lines: disputedLines,
    fees: moneyText(fees),
    net: moneyText(gross.plus(credits).minus(fees)),
    vat_by_country: Object.fromEntries([...vat.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([country, amount]) => [country, moneyText(amount)])),
    total_incl_vat: moneyText(incl),
  };
}
