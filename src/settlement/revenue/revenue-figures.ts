import { Money, moneyText } from '../money.js';

/** One statement line as revenue reads it. */
export interface RevenueLine {
  credit: boolean;
  total_excl_vat: string | number;
  /** Its share of hub and transaction fees. */
  fees: Money;
  /** What an accepted dispute wrote off without a credit CDR. */
  written_off: Money;
}

/** A CPO's roaming revenue (docs/SETTLEMENT.md, "Revenue"): decimals as text, excl. VAT. */
export interface CpoRevenue {
  sessions: number;
  gross: string;
  credits: string;
  written_off: string;
  fees: string;
  net: string;
}

/** An eMSP's roaming cost: what its CPO partners billed, credits included, and the fees on it. */
export interface EmspRoamingCost {
  sessions: number;
  roaming_cost: string;
  fees: string;
}

export function cpoRevenue(lines: readonly RevenueLine[]): CpoRevenue {
  let gross = new Money(0);
  let credits = new Money(0);
  let writtenOff = new Money(0);
  let fees = new Money(0);
  let sessions = 0;
  for (const line of lines) {
    if (line.credit) credits = credits.plus(line.total_excl_vat);
    else {
      gross = gross.plus(line.total_excl_vat);
      sessions++;
    }
    writtenOff = writtenOff.plus(line.written_off);
    fees = fees.plus(line.fees);
  }
  return { sessions, gross: moneyText(gross), credits: moneyText(credits), written_off: moneyText(writtenOff), fees: moneyText(fees), net: moneyText(gross.plus(credits).minus(writtenOff).minus(fees)) };
}

export function emspRoamingCost(lines: readonly RevenueLine[]): EmspRoamingCost {
  let cost = new Money(0);
  let fees = new Money(0);
  for (const line of lines) {
    cost = cost.plus(line.total_excl_vat);
    fees = fees.plus(line.fees);
  }
  return { sessions: lines.filter((l) => !l.credit).length, roaming_cost: moneyText(cost), fees: moneyText(fees) };
}
