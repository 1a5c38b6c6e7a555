import type { Kysely } from 'kysely';
import type { Tables } from '../store/tables.js';
import type { OutboxMessage } from './outbox-message.js';
import { orderingKey } from './ordering-key.js';

/**
 * Writes messages to the outbox. Callers pass the transaction that makes the change the messages
 * report, so a change and its messages are committed, or rolled back, together.
 */
export async function enqueue(trx: Kysely<Tables>, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        peer_id: m.peerId,
        kind: m.kind,
        module: m.module,
        interface_role: m.interfaceRole,
        method: m.method,
        path: JSON.stringify(m.path),
        target_url: m.targetUrl ?? null,
        query: m.query ? JSON.stringify(m.query) : null,
        body: m.body === undefined ? null : JSON.stringify(m.body),
        from_country_code: m.from.countryCode,
        from_party_id: m.from.partyId,
        to_country_code: m.to.countryCode,
        to_party_id: m.to.partyId,
        reference: m.reference ?? null,
        ordering_key: orderingKey(m),
        locked_until: null,
        last_error: null,
        last_http_status: null,
        response_location: null,
        delivered_at: null,
      })),
    )
    .execute();
}
