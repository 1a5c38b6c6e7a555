import { parseOcpiDateTime } from '../ocpi/datetime.js';
import { formatParty, sameParty } from '../ocpi/headers.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import type { PartnerObjectRepository } from '../partner-data/partner-object-repository.js';
import type { PullSpec } from '../partner-data/partner-sync.js';
import type { Peer } from '../peers/peer.js';
import { BROADCAST_MODULES, type RoutedModule } from './hub-interfaces.js';
import { storeModule } from './pushed-objects.js';

/** Who owns each module the hub pulls: the objects an owner offers every partner alike. */
const OWNER_ROLE: Partial<Record<RoutedModule, 'CPO' | 'EMSP'>> = { locations: 'CPO', tariffs: 'CPO', tokens: 'EMSP' };

/**
 * The hub's own pulls of its platforms' Sender lists (Locations, Tariffs, Tokens), by the partner
 * pull schedule and `POST /api/peers/{id}/pull`: so that a list addressed to the hub ("GET all via
 * a hub", OCPI 2.2.1 "Message routing") also holds the objects of a platform that never pushes.
 * The hub asks as itself, so an owner lists only what it shows every partner (a CPO's unpublished
 * Locations stay out). Each object is kept once for the hub, whoever may see it: the roaming
 * agreements are applied when a list is answered. Sessions and CDRs are never pulled: each belongs
 * to one eMSP, and the hub is none. Objects are kept as sent, like pushes through the hub; only what
 * identifies them is checked, and the owner must be a party of the platform it came from.
 */
export function hubPullSpecs(objects: PartnerObjectRepository): PullSpec[] {
  return BROADCAST_MODULES.map((module) => {
    const ownerRole = OWNER_ROLE[module]!;
    return {
      module,
      ownerRole,
      holderRole: 'HUB',
      storedAs: storeModule(module),
      store: async (item: unknown, peer: Peer) => {
        const object = requireObject(item);
        const owner = { countryCode: field(object, 'country_code'), partyId: field(object, 'party_id') };
        if (!peer.roles.some((r) => r.role === ownerRole && sameParty({ countryCode: r.country_code, partyId: r.party_id }, owner))) {
          throw OcpiError.invalid(`Invalid field country_code/party_id: ${formatParty(owner)} is not a ${ownerRole} party of this platform`);
        }
        const lastUpdated = parseOcpiDateTime(field(object, 'last_updated'));
        if (!lastUpdated) throw OcpiError.invalid('Invalid field last_updated: not an OCPI DateTime');
        const key = module === 'tokens' ? { id: field(object, 'uid'), type: field(object, 'type') } : { id: field(object, 'id') };
        await objects.put({ local: peer.localParty, module: storeModule(module), owner, ...key }, object, lastUpdated, peer.id);
      },
    };
  });
}

function requireObject(item: unknown): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw OcpiError.invalid('Invalid list item: not an object');
  return item as Record<string, unknown>;
}

function field(object: Record<string, unknown>, name: string): string {
  const value = object[name];
  if (typeof value !== 'string' || value === '') throw OcpiError.invalid(`Missing field ${name}`);
  return value;
}
