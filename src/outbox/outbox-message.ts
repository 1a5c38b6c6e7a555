import type { PartyRef } from '../ocpi/headers.js';
import type { InterfaceRole } from '../ocpi/versions.js';

/** A request to a partner that must arrive: what to send, to whom, on which module interface. */
export interface OutboxMessage {
  peerId: string;
  /** `location.put`, `session.patch`, `cdr.post`, … — names the delivery hook and what operators see. */
  kind: string;
  module: string;
  /** The partner's interface the message goes to: pushes go to RECEIVER interfaces. */
  interfaceRole: InterfaceRole;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path segments after the partner's endpoint URL, e.g. `['NL', 'CPO', 'LOC1']`. */
  path: string[];
  /** A URL the partner named for this message (a command's `response_url`); replaces endpoint + path. */
  targetUrl?: string;
  query?: Record<string, string>;
  body?: unknown;
  from: PartyRef;
  to: PartyRef;
  /** The object's id, so operators can find every message about it. */
  reference?: string;
  /**
   * The object whose messages this one must arrive after, when it is not the one `path` names
   * (`objectName` of it): a CDR follows its session, so the eMSP sees the session end first.
   */
  follows?: string;
}
