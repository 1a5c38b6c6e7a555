import { ciEquals } from '../../ids/ci-string.js';
import { requireSameIds } from '../../ocpi/fastify/client-owned-object.js';
import { formatParty, sameParty, type PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { Connector, ConnectorPatch, EVSE, EVSEPatch, Location, LocationPatch } from '../../ocpi/types/locations.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { PullSpec } from '../../partner-data/partner-sync.js';
import { findEvse, patchConnector, patchEvse, patchLocation, putConnector, putEvse, type NestedOutcome } from './nested-update.js';
import type { HeldLocation, PartnerLocationStore } from './partner-location-store.js';

/** Who wrote: our party addressed, the CPO named in the URL, and the connection it came on. */
export interface LocationSender {
  local: PartyRef;
  owner: PartyRef;
  peerId: string;
}

/**
 * The eMSP's Locations Receiver (OCPI 2.2.1 "Locations", eMSP interface): what a CPO pushes is
 * checked, ids in the body must equal the URL's (2001), and nothing is stored when anything is
 * wrong. Also the pull of a CPO's Sender list into the same store.
 */
export class PartnerLocations {
  constructor(private readonly store: PartnerLocationStore) {}

  /** The Location, EVSE or Connector as held; 404 when it is not. */
  async get(held: HeldLocation, evseUid?: string, connectorId?: string): Promise<unknown> {
    const location = await this.store.get(held);
    if (!location) throw OcpiError.notFound(`No location ${held.id}`);
    if (evseUid === undefined) return location;
    const evse = findEvse(location, evseUid);
    if (!evse) throw OcpiError.notFound(`Location ${held.id} has no EVSE ${evseUid}`);
    if (connectorId === undefined) return evse;
    const connector = evse.connectors.find((c) => ciEquals(c.id, connectorId));
    if (!connector) throw OcpiError.notFound(`EVSE ${evseUid} has no connector ${connectorId}`);
    return connector;
  }

  async putLocation(sender: LocationSender, locationId: string, body: unknown): Promise<NestedOutcome> {
    const location = parseOcpi(Location, body);
    requireSameIds(location, { country_code: sender.owner.countryCode, party_id: sender.owner.partyId, id: locationId });
    return this.store.put(held(sender, locationId), location, sender.peerId);
  }

  async patchLocation(sender: LocationSender, locationId: string, body: unknown): Promise<NestedOutcome> {
    const patch = parseOcpi(LocationPatch, body);
    requireSameIds(patch, present(patch, { country_code: sender.owner.countryCode, party_id: sender.owner.partyId, id: locationId }));
    return this.store.update(held(sender, locationId), sender.peerId, (location) => patchLocation(location, patch));
  }

  async putEvse(sender: LocationSender, locationId: string, evseUid: string, body: unknown): Promise<NestedOutcome> {
    const evse = parseOcpi(EVSE, body);
    requireSameIds(evse, { uid: evseUid });
    return this.store.update(held(sender, locationId), sender.peerId, (location) => putEvse(location, evse));
  }

  async patchEvse(sender: LocationSender, locationId: string, evseUid: string, body: unknown): Promise<NestedOutcome> {
    const patch = parseOcpi(EVSEPatch, body);
    requireSameIds(patch, present(patch, { uid: evseUid }));
    return this.store.update(held(sender, locationId), sender.peerId, (location) => patchEvse(location, evseUid, patch));
  }

  async putConnector(sender: LocationSender, locationId: string, evseUid: string, connectorId: string, body: unknown): Promise<NestedOutcome> {
    const connector = parseOcpi(Connector, body);
    requireSameIds(connector, { id: connectorId });
    return this.store.update(held(sender, locationId), sender.peerId, (location) => putConnector(location, evseUid, connector));
  }

  async patchConnector(sender: LocationSender, locationId: string, evseUid: string, connectorId: string, body: unknown): Promise<NestedOutcome> {
    const patch = parseOcpi(ConnectorPatch, body);
    requireSameIds(patch, present(patch, { id: connectorId }));
    return this.store.update(held(sender, locationId), sender.peerId, (location) => patchConnector(location, evseUid, connectorId, patch));
  }

  /**
   * Pulling a CPO's Sender list (OCPI 2.2.1 "Locations", CPO interface): each Location is stored
   * whole under the owner it names, if the partner speaks for that CPO. One parse and one upsert
   * per Location, so a pull of tens of thousands stays as lean as the pages it streams.
   */
  pullSpec(): PullSpec {
    return {
      module: 'locations',
      ownerRole: 'CPO',
      store: async (item, peer) => {
        const location = parseOcpi(Location, item);
        const owner = { countryCode: location.country_code, partyId: location.party_id };
        if (!peer.roles.some((r) => r.role === 'CPO' && sameParty({ countryCode: r.country_code, partyId: r.party_id }, owner))) {
          throw OcpiError.invalid(`Invalid field country_code/party_id: ${formatParty(owner)} is not a CPO party of this partner`);
        }
        await this.store.put({ local: peer.localParty, owner, id: location.id }, location, peer.id);
      },
    };
  }
}

function held(sender: LocationSender, id: string): HeldLocation {
  return { local: sender.local, owner: sender.owner, id };
}

/** A PATCH may leave ids out; those it carries must still match the URL. */
function present(body: object, ids: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(ids).filter(([field]) => (body as Record<string, unknown>)[field] !== undefined));
}
