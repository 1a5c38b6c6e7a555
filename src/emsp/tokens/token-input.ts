import { randomUUID } from 'node:crypto';
import { asciiUpper, isPrintableAscii } from '../../ids/ci-string.js';
import { parseEmaid } from '../../ids/emaid.js';
import { IdentifierError } from '../../ids/identifier-error.js';
import { parsePartyIdentity } from '../../ids/party-id.js';
import { normalizeRfidUid } from '../../ids/rfid-uid.js';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { Token } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { HostedParty } from '../../peers/hosted-parties.js';
import type { TokenBlockReason } from '../../store/tables/token-tables.js';
import { BLOCK_REASONS, type IssuedToken } from './issued-token.js';

/** The fields an operator may send beside the OCPI Token ones. */
const EXTRA_FIELDS = ['charge_at', 'block_reason', 'block_note'] as const;

/**
 * Turns what an operator or an import file gives into one of our tokens. What we know may be left
 * out: owner (the party), `issuer` (the party's name), `valid` (true), `whitelist` (NEVER for app
 * and ad-hoc tokens as OCPI 2.2.1 "Tokens" recommends, ALLOWED otherwise), an app token's `uid`
 * (generated), and `last_updated` (now: we are the owner). RFID uids are normalised and
 * `contract_id` must be an eMAID whose check digit, when present, is right. Errors name the field
 * under `root` (`[3].contract_id` in an import).
 */
export function completeToken(party: HostedParty, input: unknown, now: Date, root = ''): IssuedToken {
  const at = (field: string) => (root ? `${root}.${field}` : field);
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw OcpiError.invalid(`Invalid field ${root || '(body)'}: expected a Token object`);
  const body = input as Record<string, unknown>;
  for (const [field, value] of [['country_code', party.countryCode], ['party_id', party.partyId]] as const) {
    if (body[field] !== undefined && body[field] !== null && String(body[field]).toUpperCase() !== value.toUpperCase()) {
      throw OcpiError.invalid(`Invalid field ${at(field)}: the token belongs to ${party.countryCode}-${party.partyId}, got ${JSON.stringify(body[field])}`);
    }
  }
  const type = body.type ?? 'RFID';
  const appToken = type === 'APP_USER' || type === 'AD_HOC_USER';
  const ocpiFields = Object.fromEntries(Object.entries(body).filter(([key]) => !(EXTRA_FIELDS as readonly string[]).includes(key)));
  const token = parseOcpi(
    Token,
    {
      issuer: party.name,
      valid: true,
      whitelist: appToken ? 'NEVER' : 'ALLOWED',
      ...ocpiFields,
      uid: body.uid ?? (appToken ? randomUUID() : undefined),
      type,
      country_code: party.countryCode,
      party_id: party.partyId,
      last_updated: formatOcpiDateTime(now),
    },
    root,
  );
  token.uid = checkedUid(token.type, token.uid, at('uid'));
  checkContractId(token.contract_id, at('contract_id'));
  const blockReason = token.valid ? null : checkedBlockReason(body.block_reason, at('block_reason'));
  const blockNote = token.valid ? null : optionalText(body.block_note, at('block_note'));
  return { token, blockReason, blockNote, chargeAt: checkedChargeAt(body.charge_at, at('charge_at')) };
}

/** Checks an eMAID; the identifier library's message says what is wrong (e.g. the expected check digit). */
export function checkContractId(contractId: string, field: string): void {
  try {
    parseEmaid(contractId);
  } catch (error) {
    if (error instanceof IdentifierError) throw OcpiError.invalid(`Invalid field ${field}: ${error.message}`);
    throw error;
  }
}

function checkedUid(type: string, uid: string, field: string): string {
  if (type !== 'RFID') return asciiUpper(uid);
  try {
    return normalizeRfidUid(uid);
  } catch (error) {
    if (error instanceof IdentifierError) throw OcpiError.invalid(`Invalid field ${field}: ${error.message}`);
    throw error;
  }
}

export function checkedBlockReason(value: unknown, field: string): TokenBlockReason {
  if (value === undefined || value === null) return 'BLOCKED';
  if (typeof value === 'string' && (BLOCK_REASONS as readonly string[]).includes(value)) return value as TokenBlockReason;
  throw OcpiError.invalid(`Invalid field ${field}: expected one of ${BLOCK_REASONS.join(', ')}, got ${JSON.stringify(value)}`);
}

export function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 255) throw OcpiError.invalid(`Invalid field ${field}: expected text of at most 255 characters`);
  return value;
}

/**
 * `charge_at` restricts where a token may charge: `NL-CPO` (any location of that CPO) or
 * `NL-CPO/LOC1` (one location). Stored upper case, as both parts are CiStrings.
 */
export function checkedChargeAt(value: unknown, field: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) throw OcpiError.invalid(`Invalid field ${field}: expected a non-empty list of "CC-PID" or "CC-PID/LOCATION_ID"`);
  return value.map((entry: unknown, i) => {
    const match = typeof entry === 'string' ? /^([^/]+)(?:\/(.+))?$/.exec(entry) : null;
    try {
      if (!match) throw new Error('expected "CC-PID" or "CC-PID/LOCATION_ID"');
      const party = parsePartyIdentity(match[1]!);
      const location = match[2];
      if (location !== undefined && (location.length > 36 || !isPrintableAscii(location))) throw new Error('a location id is at most 36 printable ASCII characters');
      return asciiUpper(`${party.countryCode}-${party.partyId}${location === undefined ? '' : `/${location}`}`);
    } catch (error) {
      throw OcpiError.invalid(`Invalid field ${field}[${i}]: ${(error as Error).message}`);
    }
  });
}
