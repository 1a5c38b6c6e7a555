import type { FastifyRequest } from 'fastify';
import { formatParty, sameParty, type PartyRef } from '../headers.js';
import { OcpiError } from '../ocpi-error.js';

/**
 * The owner named in a receiver URL `/{country_code}/{party_id}/…` must be one of the calling
 * platform's parties: a partner writes only its own objects (OCPI 2.2.1 "Transport and format",
 * client-owned objects; the spec allows 404 here).
 */
export function ownerFromUrl(request: FastifyRequest, countryCode: string, partyId: string): PartyRef {
  const owner = { countryCode, partyId };
  if (!request.ocpi.caller.parties.some((p) => sameParty(p, owner))) {
    throw OcpiError.notFound(`${formatParty(owner)} is not a party of the authenticated platform`);
  }
  return owner;
}

/** Ids in the body must equal those in the URL (OCPI 2.2.1 "Transport and format": 2001 otherwise). */
export function requireSameIds(body: Record<string, unknown>, expected: Record<string, string>): void {
  for (const [field, value] of Object.entries(expected)) {
    const actual = body[field];
    if (typeof actual !== 'string' || actual.toUpperCase() !== value.toUpperCase()) {
      throw OcpiError.invalid(`Invalid field ${field}: ${JSON.stringify(actual)} does not match the URL's ${JSON.stringify(value)}`);
    }
  }
}
