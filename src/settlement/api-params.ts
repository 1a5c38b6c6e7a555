import { ApiError } from '../api/api-error.js';
import { parsePartyIdentity } from '../ids/party-id.js';
import type { PartyRef } from '../ocpi/headers.js';
import { parseOcpiDateTime } from '../ocpi/datetime.js';

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2025-03-01` (midnight UTC) or a full DateTime; absent stays undefined; anything else is a 400 naming `field`. */
export function dateParam(raw: unknown, field: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = String(raw);
  const date = PLAIN_DATE.test(text) ? parseOcpiDateTime(`${text}T00:00:00Z`) : parseOcpiDateTime(text);
  if (!date) throw new ApiError(400, `Invalid field ${field}: expected a date (2025-03-01) or a date and time (2025-03-01T00:00:00Z), got "${text}"`, field);
  return date;
}

/** `NL-CPO`: any party, hosted or a partner's; absent stays undefined. */
export function partyParam(raw: unknown, field: string): PartyRef | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    return parsePartyIdentity(String(raw));
  } catch {
    throw new ApiError(400, `Invalid field ${field}: expected a party as CC-PID (e.g. NL-CPO), got "${String(raw)}"`, field);
  }
}

/** A reason an operator gives: required, at most 500 characters. */
export function reasonParam(body: unknown): string {
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') throw new ApiError(400, 'Invalid field reason: say why (a non-empty string)', 'reason');
  if (reason.length > 500) throw new ApiError(400, 'Invalid field reason: at most 500 characters', 'reason');
  return reason.trim();
}
