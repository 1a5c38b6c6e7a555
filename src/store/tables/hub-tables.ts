import type { ColumnType } from 'kysely';
import type { CreatedAt } from '../tables.js';

/** A bigserial: assigned by the database, read as a string (it may exceed 2^53). */
type Seq = ColumnType<string, never, never>;

/** OCPI 2.2.1 HubClientInfo ConnectionStatus. */
export type HubConnectionStatus = 'CONNECTED' | 'OFFLINE' | 'PLANNED' | 'SUSPENDED';

/** How the hub handled a request it logged. */
export type HubMessageKind =
  /** Sent on to the party named in OCPI-to-*. */
  | 'DIRECT'
  /** A push addressed to the hub, sent on to every party that may receive it. */
  | 'BROADCAST'
  /** One delivery of a broadcast. */
  | 'BROADCAST_DELIVERY'
  /** A list addressed to the hub, answered from what the hub holds. */
  | 'GET_ALL'
  /** A call to a URL the hub stands in for (a response_url or CDR Location). */
  | 'PROXY';

/** Hub: which eMSP party may roam with which CPO party; every forwarded request is checked against it. */
export interface HubAgreementTable {
  hub_country_code: string;
  hub_party_id: string;
  emsp_country_code: string;
  emsp_party_id: string;
  cpo_country_code: string;
  cpo_party_id: string;
  created_at: CreatedAt;
}

/** Hub: a party on a platform connected to one of our HUB parties, as HubClientInfo publishes it. */
export interface HubClientTable {
  seq: Seq;
  hub_country_code: string;
  hub_party_id: string;
  country_code: string;
  party_id: string;
  role: string;
  /** The connection (peer) the party is reached on. */
  peer_id: string;
  status: HubConnectionStatus;
  /** When the status last changed. */
  last_updated: Date;
}

/** Hub: one request the hub forwarded, answered or refused, for support to follow across companies. */
export interface HubMessageTable {
  seq: Seq;
  hub_country_code: string;
  hub_party_id: string;
  kind: HubMessageKind;
  /** X-Request-ID as the hub received it. */
  request_id: string;
  /** X-Request-ID of the hop the hub made; null when nothing was sent on. */
  forwarded_request_id: string | null;
  correlation_id: string;
  method: string;
  module: string;
  interface_role: string;
  /** Path below the module's endpoint, without the query. */
  path: string;
  /** The object the request is about (location, session, token, CDR id), when it names one. */
  object_id: string | null;
  from_country_code: string;
  from_party_id: string;
  to_country_code: string;
  to_party_id: string;
  caller_peer_id: string | null;
  destination_peer_id: string | null;
  http_status: number;
  ocpi_status: number | null;
  latency_ms: number;
  error: string | null;
  created_at: CreatedAt;
}

/**
 * Hub: a platform URL the hub stands in for, when it is not below an endpoint the hub already
 * forwards to (a command's response_url, a CDR's Location, a page Link).
 */
export interface HubProxyTable {
  id: string;
  /** The platform whose URL this is; the hub calls it with that platform's token. */
  target_peer_id: string;
  url: string;
  /** The module and interface the URL belongs to, for the message log. */
  module: string;
  interface_role: string;
  /** The only platform that may call the stand-in URL. */
  issued_to_peer_id: string;
  created_at: CreatedAt;
}

/**
 * Platform side: a party reachable through a hub we are connected to, as the hub's HubClientInfo
 * pushes told us. Parties CONNECTED or OFFLINE count as parties of that connection.
 */
export interface HubReachablePartyTable {
  peer_id: string;
  country_code: string;
  party_id: string;
  role: string;
  status: HubConnectionStatus;
  last_updated: Date;
  received_at: Date;
}

export interface HubTables {
  hub_agreement: HubAgreementTable;
  hub_client: HubClientTable;
  hub_message: HubMessageTable;
  hub_proxy: HubProxyTable;
  hub_reachable_party: HubReachablePartyTable;
}
