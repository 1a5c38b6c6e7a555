import type { PartyRef } from '../ocpi/headers.js';
import type { OutboxMessage } from './outbox-message.js';

/**
 * Names one object across modules: module, owner and id, e.g. `SESSIONS/NL/CPO/S1`, upper case
 * as OCPI ids are case-insensitive. Client-owned objects are addressed
 * `/{country_code}/{party_id}/{id}` (OCPI 2.2.1 "Transport and format", client owned object push),
 * so a push's first three path segments are its object.
 */
export function objectName(module: string, owner: PartyRef, id: string): string {
  return [module, owner.countryCode, owner.partyId, id].join('/').toUpperCase();
}

/**
 * The line a message waits in: messages with the same key reach the partner in the order they
 * were written, one at a time; different keys travel side by side. OCPI needs order per object
 * only — a Session's PUT before its PATCHes, a Location's PATCHes (EVSE and Connector ones
 * included, they move the Location's `last_updated`) in turn — and per receiving party: a hub
 * connection serves several parties, each holding its own copy (OCPI-to-* routing headers).
 * A message whose path names no object (a CDR POST, a command result) is the object named by its
 * `reference` and sending party, unless it says which object it follows.
 */
export function orderingKey(message: OutboxMessage): string {
  const to = `${message.to.countryCode}-${message.to.partyId}`.toUpperCase();
  return `${to} ${message.follows ?? objectOf(message)}`;
}

function objectOf(message: OutboxMessage): string {
  if (message.path.length >= 2) return [message.module, ...message.path.slice(0, 3)].join('/').toUpperCase();
  if (message.reference) return objectName(message.module, message.from, message.reference);
  // Nothing names the object: one line for the whole module, the safe side.
  return message.module.toUpperCase();
}
