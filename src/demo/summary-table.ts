import { hours, money, type Visit } from './demo-visits.js';

const HEADERS = ['charger', 'OCPP', 'EVSE', 'driver', 'card', 'authorization', 'session at eMSP', 'kWh', 'time', 'CDR excl. VAT', 'incl. VAT'];

/** The visits as a text table, one row each, columns aligned; a refused card shows its verdict. */
export function summaryTable(visits: readonly Visit[]): string {
  const rows = visits.map((v) => [
    v.charger.id,
    v.charger.version,
    v.charger.evse_uid,
    v.driver,
    v.uid,
    v.authMethod ?? `refused (${v.verdict})`,
    v.sessionStatus ?? '-',
    v.cdr ? v.cdr.totalEnergy.toFixed(3) : '-',
    v.cdr ? hours(v.cdr.totalTime) : '-',
    v.cdr ? money(v.cdr.totalCost.excl_vat, v.cdr.currency) : '-',
    v.cdr?.totalCost.incl_vat !== undefined ? money(v.cdr.totalCost.incl_vat, v.cdr.currency) : '-',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
