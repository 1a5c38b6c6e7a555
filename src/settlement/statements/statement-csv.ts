/** The columns of a statement export, one line per CDR, in this order. */
export const STATEMENT_CSV_COLUMNS = [
  'statement_id',
  'party',
  'counterpart',
  'period',
  'cdr_id',
  'session_id',
  'credit',
  'credit_reference_id',
  'start_date_time',
  'end_date_time',
  'recorded_at',
  'country',
  'evse_id',
  'energy_kwh',
  'currency',
  'total_excl_vat',
  'vat',
  'total_incl_vat',
  'late',
  'disputed',
] as const;

export type StatementCsvRow = Record<(typeof STATEMENT_CSV_COLUMNS)[number], string | number | boolean | null>;

/**
 * RFC 4180 text a spreadsheet opens without fixes: a header row, CRLF line ends, a decimal point,
 * ISO 8601 dates in UTC, empty cells for absent values, quotes only where a value needs them.
 */
export function statementCsv(rows: readonly StatementCsvRow[]): string {
  const lines = [STATEMENT_CSV_COLUMNS.join(','), ...rows.map((row) => STATEMENT_CSV_COLUMNS.map((column) => cell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
