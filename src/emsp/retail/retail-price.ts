import { Decimal } from 'decimal.js';
import type { RetailPlan, VatSource } from '../../store/tables/retail-tables.js';

// Exact decimal money, with our own precision and rounding whatever the global decimal.js setup.
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = Decimal;

/** Internal figures keep 4 decimals, as the CDR amounts do; the driver pays in cents. */
const MONEY_DECIMALS = 4;
const GROSS_DECIMALS = 2;

/** What the retail price is computed from: the CDR's figures, positive even for a credit. */
export interface CdrFigures {
  /** total_cost excl. VAT: what the CPO is owed. */
  cpoCost: number;
  energyKwh: number;
  /** total_time: connected time, charging and parking. */
  timeHours: number;
}

export interface RetailVat {
  percent: number;
  source: VatSource;
}

/** Every amount as exact decimal text: cpo_cost + margin + vat_amount = gross, to the last digit. */
export interface RetailAmounts {
  cpo_cost: string;
  net: string;
  vat_percent: string;
  vat_amount: string;
  gross: string;
  margin: string;
}

function amount(value: number | undefined): Dec {
  return new Dec(value ?? 0);
}

/**
 * The driver's price excl. VAT before rounding: the plan's model applied to the CPO's cost or to
 * the session's volumes, then the plan's fees on top. No plan: the CPO's cost passed through.
 */
function exactNet(plan: RetailPlan | null, figures: CdrFigures): Dec {
  const cost = new Dec(figures.cpoCost);
  const kwh = new Dec(figures.energyKwh);
  let price: Dec;
  switch (plan?.model ?? 'PASS_THROUGH') {
    case 'PASS_THROUGH':
      price = cost;
      break;
    case 'MARKUP_PERCENT':
      price = cost.times(amount(plan?.markup_percent).div(100).plus(1));
      break;
    case 'WHOLESALE_TO_RETAIL':
      price = kwh.times(amount(plan?.price_per_kwh)).plus(new Dec(figures.timeHours).times(60).times(amount(plan?.price_per_minute))).plus(amount(plan?.price_per_session));
      break;
  }
  return price.plus(amount(plan?.fee_per_session)).plus(kwh.times(amount(plan?.fee_per_kwh)));
}

/**
 * The retail price of one session. The gross is rounded once, half up, to cents (what the driver
 * is charged); the VAT it contains is taken out of it to 4 decimals, and the margin is what is
 * left after the CPO's cost. A credit is priced on its positive figures and negated, so it undoes
 * exactly the line of the session it credits.
 */
export function retailAmounts(plan: RetailPlan | null, figures: CdrFigures, vat: RetailVat, credit: boolean): RetailAmounts {
  const rate = new Dec(vat.percent);
  const gross = exactNet(plan, figures).times(rate.div(100).plus(1)).toDecimalPlaces(GROSS_DECIMALS, Dec.ROUND_HALF_UP);
  const vatAmount = gross.times(rate).div(rate.plus(100)).toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP);
  const net = gross.minus(vatAmount);
  const cost = new Dec(figures.cpoCost);
  const sign = credit ? -1 : 1;
  const text = (value: Dec) => value.times(sign).toFixed();
  return {
    cpo_cost: text(cost),
    net: text(net),
    vat_percent: rate.toFixed(),
    vat_amount: text(vatAmount),
    gross: text(gross),
    margin: text(net.minus(cost)),
  };
}
