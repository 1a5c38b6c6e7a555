import type { TSchema } from '@sinclair/typebox';
import { formatParty, sameParty, type PartyRef } from '../ocpi/headers.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import { Connector, ConnectorPatch, EVSE, EVSEPatch, Location, LocationPatch } from '../ocpi/types/locations.js';
import { Tariff } from '../ocpi/types/tariffs.js';
import { Token, TokenPatch } from '../ocpi/types/tokens.js';
import { parseOcpi } from '../ocpi/validation.js';
import { enqueue } from '../outbox/outbox.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { endpointUrl } from '../peers/peer.js';
import type { Database } from '../store/database.js';
import type { AgreementBook } from './agreement-book.js';
import { successAnswer, type HubAnswer, type HubCall } from './hub-call.js';
import { BROADCAST_MODULES, type RoutedModule } from './hub-interfaces.js';
import type { PushedObjects } from './pushed-objects.js';
import type { RoutingTable } from './routing-table.js';

export const BROADCAST_KIND = 'hub.broadcast';

/**
 * A push addressed to the hub itself ("Broadcast push", OCPI 2.2.1 "Message routing"): the hub
 * answers at once and sends it on, through the outbox, to every party connected to it in the
 * opposite role that may roam with the owner and has the module's Receiver interface, from the hub
 * and with the owner's country_code/party_id kept in the URL. CPO broadcasts go to eMSPs, NSPs and
 * OTHER parties (OTHER is treated like an eMSP); broadcasts of anyone else go to CPOs. Only
 * Locations, Tariffs and Tokens, PUT or PATCH; the body is checked first, since no receiver's
 * answer comes back.
 */
export class Broadcaster {
  constructor(
    private readonly deps: { db: Database; routing: RoutingTable; agreements: AgreementBook; pushed: PushedObjects; wakeOutbox: () => void },
  ) {}

  async broadcast(call: HubCall): Promise<HubAnswer> {
    const hub = call.caller.localParty;
    if (!BROADCAST_MODULES.includes(call.module) || call.role !== 'RECEIVER' || (call.method !== 'PUT' && call.method !== 'PATCH') || call.path.length < 3) {
      throw new OcpiError(OcpiStatus.UnknownReceiver, `Only a PUT or PATCH of ${BROADCAST_MODULES.join(', ')} at the Receiver interface may be broadcast; name the receiving party in OCPI-to-*`);
    }
    const owner = { countryCode: call.path[0]!, partyId: call.path[1]! };
    const ownerRole = call.caller.parties.find((p) => sameParty(p, owner))?.role;
    if (!ownerRole) throw OcpiError.invalid(`Invalid URL: ${formatParty(owner)} is not a party of the authenticated platform; only an object's owner broadcasts it`);
    parseOcpi(bodySchema(call.module, call.method, call.path.length), call.body);

    const recipients = await this.recipients(hub, call, owner, ownerRole);
    const query = call.search ? Object.fromEntries(new URLSearchParams(call.search)) : undefined;
    const messages: OutboxMessage[] = recipients.map(({ peerId, party }) => ({
      peerId,
      kind: BROADCAST_KIND,
      module: call.module,
      interfaceRole: 'RECEIVER',
      method: call.method as 'PUT' | 'PATCH',
      path: call.path,
      ...(query ? { query } : {}),
      body: call.body,
      from: hub,
      to: party,
      reference: call.path[2]!,
    }));
    await enqueue(this.deps.db, messages);
    this.deps.wakeOutbox();
    for (const { party } of recipients) {
      await this.deps.pushed.record({ recipient: party, module: call.module, method: call.method, path: call.path, query: new URLSearchParams(call.search), body: call.body, peerId: call.caller.peerId });
    }
    return successAnswer(undefined, `Broadcast to ${recipients.length} ${recipients.length === 1 ? 'party' : 'parties'}`);
  }

  private async recipients(hub: PartyRef, call: HubCall, owner: PartyRef, ownerRole: string): Promise<Array<{ peerId: string; party: PartyRef }>> {
    const roles = ownerRole === 'CPO' ? ['EMSP', 'NSP', 'OTHER'] : ['CPO'];
    const out: Array<{ peerId: string; party: PartyRef }> = [];
    for (const platform of await this.deps.routing.platforms(hub, true)) {
      if (platform.id === call.caller.peerId || !endpointUrl(platform, call.module, 'RECEIVER')) continue;
      for (const r of platform.roles) {
        const party = { countryCode: r.country_code, partyId: r.party_id };
        if (!roles.includes(r.role) || out.some((o) => sameParty(o.party, party))) continue;
        if (await this.deps.agreements.allows(hub, owner, party)) out.push({ peerId: platform.id, party });
      }
    }
    return out;
  }
}

/** The schema a broadcast body must meet: the object, or its PATCH form, at the URL's depth. */
function bodySchema(module: RoutedModule, method: string, depth: number): TSchema {
  const patch = method === 'PATCH';
  if (module === 'tariffs') {
    if (patch) throw OcpiError.invalid('Invalid method PATCH: tariffs are replaced with PUT');
    return Tariff;
  }
  if (module === 'tokens') return patch ? TokenPatch : Token;
  if (depth === 3) return patch ? LocationPatch : Location;
  if (depth === 4) return patch ? EVSEPatch : EVSE;
  return patch ? ConnectorPatch : Connector;
}
