import { ApiError } from '../../api/api-error.js';

/** One line of a partner's statement: what is compared with ours. */
export interface PartnerLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  cdr_id: string;
  total_excl_vat: string;
  energy_kwh?: string;
  currency?: string;
  credit?: boolean;
}

const REQUIRED = ['cdr_id', 'total_excl_vat'] as const;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * A partner's statement as CSV (RFC 4180: comma separated, double quotes escaped by doubling, a
 * header row naming at least `cdr_id` and `total_excl_vat`; `energy_kwh`, `currency` and `credit`
 * are compared when present, other columns are ignored). Anything malformed is refused with the
 * line and column at fault, so nothing of a bad file is ever kept.
 */
export function parsePartnerCsv(text: string): PartnerLine[] {
  const records = csvRecords(text);
  if (records.length === 0) throw malformed(1, 1, 'the file is empty; expected a header row naming cdr_id and total_excl_vat');
  const header = records[0]!.cells.map((h) => h.trim().toLowerCase());
  for (const column of REQUIRED) if (!header.includes(column)) throw malformed(1, header.length + 1, `the header names no ${column} column`);
  const index = (column: string) => header.indexOf(column);
  const lines: PartnerLine[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.cells.length === 1 && record.cells[0] === '') continue;
    if (record.cells.length !== header.length) throw malformed(record.line, Math.min(record.cells.length, header.length) + 1, `expected ${header.length} columns as in the header, found ${record.cells.length}`);
    const value = (column: string) => record.cells[index(column)]!.trim();
    const cdrId = value('cdr_id');
    if (cdrId === '' || cdrId.length > 39) throw malformed(record.line, index('cdr_id') + 1, 'cdr_id must be 1 to 39 characters', 'cdr_id');
    const earlier = seen.get(cdrId.toUpperCase());
    if (earlier !== undefined) throw malformed(record.line, index('cdr_id') + 1, `CDR ${cdrId} is already on line ${earlier}`, 'cdr_id');
    seen.set(cdrId.toUpperCase(), record.line);
    const parsed: PartnerLine = { line: record.line, cdr_id: cdrId, total_excl_vat: decimal(record.line, index('total_excl_vat'), value('total_excl_vat'), 'total_excl_vat') };
    if (index('energy_kwh') >= 0) parsed.energy_kwh = decimal(record.line, index('energy_kwh'), value('energy_kwh'), 'energy_kwh');
    if (index('currency') >= 0) {
      const currency = value('currency');
      if (!CURRENCY.test(currency)) throw malformed(record.line, index('currency') + 1, `"${currency}" is not an ISO 4217 currency code`, 'currency');
      parsed.currency = currency;
    }
    if (index('credit') >= 0) {
      const credit = value('credit').toLowerCase();
      if (credit !== 'true' && credit !== 'false') throw malformed(record.line, index('credit') + 1, `"${value('credit')}" is not true or false`, 'credit');
      parsed.credit = credit === 'true';
    }
    lines.push(parsed);
  }
  return lines;
}

function decimal(line: number, columnIndex: number, value: string, column: string): string {
  if (!DECIMAL.test(value)) throw malformed(line, columnIndex + 1, `"${value}" is not a decimal number written with a decimal point`, column);
  return value;
}

function malformed(line: number, column: number, reason: string, field?: string): ApiError {
  return new ApiError(400, `Malformed partner statement at line ${line}, column ${column}${field ? ` (${field})` : ''}: ${reason}`, field ?? `line ${line}`);
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/** Splits RFC 4180 text into records, keeping the line each record starts on. */
function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let column = 1;
  let afterQuote = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cell !== '' || afterQuote) throw malformed(line, column, 'a double quote inside an unquoted value');
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
      column++;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: startLine, cells });
      cells = [];
      cell = '';
      afterQuote = false;
      line++;
      startLine = line;
      column = 1;
    } else {
      if (afterQuote) throw malformed(line, column, 'text after a closing double quote');
      cell += char;
    }
  }
  if (quoted) throw malformed(startLine, column, 'a quoted value is never closed');
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  return records;
}
