import type { PartyRef } from '../ocpi/headers.js';
import { PeerRepository } from '../peers/peer-repository.js';
import type { Database } from '../store/database.js';
import { enqueue } from './outbox.js';
import type { OutboxMessage } from './outbox-message.js';

export type PushMessage = Omit<OutboxMessage, 'peerId' | 'from' | 'to'>;

/**
 * Queues one message for every party of every registered partner of `local` that holds
 * `partnerRole` (each eMSP for a CPO's location change, each CPO for an eMSP's token), in the
 * transaction `trx` that makes the change. Returns how many messages were queued.
 */
export async function pushToPartners(trx: Database, local: PartyRef, partnerRole: string, message: PushMessage): Promise<number> {
  const peers = await new PeerRepository(trx).registeredWithRole(local, partnerRole);
  const messages: OutboxMessage[] = [];
  for (const peer of peers) {
    for (const party of peer.roles.filter((r) => r.role === partnerRole)) {
      messages.push({ ...message, peerId: peer.id, from: local, to: { countryCode: party.country_code, partyId: party.party_id } });
    }
  }
  await enqueue(trx, messages);
  return messages.length;
}
