import { OcpiError } from './ocpi-error.js';

/**
 * The `?type=` of a Tokens URL (OCPI 2.2.1 "Tokens"): RFID when left out. TokenType is an open
 * enum (2.3.0 added EMAID), so any short identifier is accepted.
 */
export function tokenTypeParam(query: unknown): string {
  const raw = (query as Record<string, unknown> | undefined)?.type;
  if (raw === undefined || raw === '') return 'RFID';
  if (typeof raw !== 'string' || !/^[A-Za-z0-9_]{1,32}$/.test(raw)) throw OcpiError.invalid(`Invalid query parameter type: expected a TokenType such as RFID, got ${JSON.stringify(raw)}`);
  return raw;
}
