/**
 * Standard VAT rates in percent by country of charging (ISO 3166-1 alpha-3, as in
 * CdrLocation.country), as in force in August 2025: the EU member states, the EEA, Switzerland and
 * the United Kingdom. Public charging is standard-rated in each. Rates change by law; a plan's
 * `vat_percent` overrides this table, and a country outside it is charged 0 % with the line's
 * `vat_source` NONE so billing can spot it (docs/TARIFFS.md, retail pricing).
 */
const STANDARD_VAT_PERCENT: Readonly<Record<string, number>> = {
  AUT: 20,
  BEL: 21,
  BGR: 20,
  CHE: 8.1,
  CYP: 19,
  CZE: 21,
  DEU: 19,
  DNK: 25,
  ESP: 21,
  EST: 24,
  FIN: 25.5,
  FRA: 20,
  GBR: 20,
  GRC: 24,
  HRV: 25,
  HUN: 27,
  IRL: 23,
  ISL: 24,
  ITA: 22,
  LIE: 8.1,
  LTU: 21,
  LUX: 17,
  LVA: 21,
  MLT: 18,
  NLD: 21,
  NOR: 25,
  POL: 23,
  PRT: 23,
  ROU: 21,
  SVK: 23,
  SVN: 22,
  SWE: 25,
};

/** The standard VAT rate of a country in percent, or null when the table does not know it. */
export function standardVatPercent(countryAlpha3: string): number | null {
  return STANDARD_VAT_PERCENT[countryAlpha3.toUpperCase()] ?? null;
}
