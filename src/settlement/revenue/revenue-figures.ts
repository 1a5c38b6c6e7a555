import { Money, moneyText } from '../money.js';

/** One statement line as revenue reads it, in one currency. */
export interface RevenueLine {
  /** The line bills a session (a CDR that is not a credit); false for credits and for retail-only entries. */
  session: boolean;
  /** What the statement bills for it, excl. VAT (negative for a credit). */
  billed: Money;
  /** Its share of hub and transaction fees. */
  fees: Money;
  /** What an accepted dispute wrote off without a credit CDR. */
  written_off: Money;
  /** eMSP: what the driver was charged for the CDR, excl. VAT (negative for a credit). */
  retail: Money;
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

/** An eMSP's revenue: what its drivers paid for the CDRs billed, what its CPO partners billed, the fees, and what is left. */
export interface EmspRevenue {
  sessions: number;
  retail_revenue: string;
  roaming_cost: string;
  fees: string;
  margin: string;
}

export function cpoRevenue(lines: readonly RevenueLine[]): CpoRevenue {
  let gross = new Money(0);
  let credits = new Money(0);
  let writtenOff = new Money(0);
  let fees = new Money(0);
  let sessions = 0;
  for (const line of lines) {
    if (line.session) {
      gross = gross.plus(line.billed);
      sessions++;
    } else credits = credits.plus(line.billed);
    writtenOff = writtenOff.plus(line.written_off);
    fees = fees.plus(line.fees);
  }
  return { sessions, gross: moneyText(gross), credits: moneyText(credits), written_off: moneyText(writtenOff), fees: moneyText(fees), net: moneyText(gross.plus(credits).minus(writtenOff).minus(fees)) };
}

export function emspRevenue(lines: readonly RevenueLine[]): EmspRevenue {
  let retail = new Money(0);
  let cost = new Money(0);
  let fees = new Money(0);
  let sessions = 0;
  for (const line of lines) {
    if (line.session) sessions++;
    retail = retail.plus(line.retail);
    cost = cost.plus(line.billed);
    fees = fees.plus(line.fees);
  }
  return { sessions, retail_revenue: moneyText(retail), roaming_cost: moneyText(cost), fees: moneyText(fees), margin: moneyText(retail.minus(cost).minus(fees)) };
}
