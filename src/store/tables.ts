import type { ColumnType } from 'kysely';
import type { ChargerTables } from './tables/charger-tables.js';
import type { CommandTables } from './tables/command-tables.js';
import type { HubTables } from './tables/hub-tables.js';
import type { LocationTables } from './tables/location-tables.js';
import type { LogTables } from './tables/log-tables.js';
import type { RetailTables } from './tables/retail-tables.js';
import type { SessionTables } from './tables/session-tables.js';
import type { SettlementTables } from './tables/settlement-tables.js';
import type { TariffTables } from './tables/tariff-tables.js';
import type { TokenTables } from './tables/token-tables.js';

/** A JSON column: read as the parsed value, written as its JSON text (the same on pg and PGlite). */
export type Json<T> = ColumnType<T, string, string>;

/** A timestamp column the database fills on insert. */
export type CreatedAt = ColumnType<Date, Date | undefined, never>;

export type PeerStatus =
  /** We issued token A; the partner has not yet posted its credentials. */
  | 'INVITED'
  /** We started the handshake with the partner's token A and issued our token B. */
  | 'REGISTERING'
  | 'REGISTERED'
  | 'UNREGISTERED';

export interface StoredEndpoint {
  identifier: string;
  role: string;
  url: string;
}

export interface StoredCredentialsRole {
  role: string;
  country_code: string;
  party_id: string;
  business_details: { name: string; website?: string | null; logo?: unknown };
}

export interface PeerTable {
  id: string;
  local_country_code: string;
  local_party_id: string;
  status: PeerStatus;
  /** SHA-256 of the token the partner calls us with (token A, B or C); the clear token is never kept. */
  incoming_token_hash: string | null;
  /** During a rotation we started: the new token, accepted alongside the current one until it completes. */
  pending_token_hash: string | null;
  /** The token we call the partner with; kept in clear because every request needs it. */
  outgoing_token: string | null;
  /** 2.1.1-era partners expect the raw token in the Authorization header instead of Base64. */
  outgoing_token_encoding: 'base64' | 'raw';
  versions_url: string | null;
  version: string | null;
  endpoints: Json<StoredEndpoint[]>;
  roles: Json<StoredCredentialsRole[]>;
  created_at: CreatedAt;
  updated_at: Date;
  registered_at: Date | null;
  last_contact_at: Date | null;
}

/** The partner's parties, one row per (role, country_code, party_id), for scoping and routing. */
export interface PeerPartyTable {
  peer_id: string;
  role: string;
  country_code: string;
  party_id: string;
}

export type OutboxStatus = 'PENDING' | 'IN_FLIGHT' | 'DELIVERED' | 'DEAD';

/** A message to a partner, written in the same transaction as the change it reports. */
export interface OutboxTable {
  id: ColumnType<string, never, never>;
  peer_id: string;
  /** What the message is, for delivery hooks and operators: `location.put`, `cdr.post`, … */
  kind: string;
  module: string;
  interface_role: 'SENDER' | 'RECEIVER';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path segments appended to the partner's endpoint URL at delivery time. */
  path: Json<string[]>;
  /** A URL the partner gave for this one message (a command's response_url), used instead of an endpoint. */
  target_url: ColumnType<string | null, string | null | undefined, string | null>;
  query: Json<Record<string, string>> | null;
  body: Json<unknown> | null;
  from_country_code: string;
  from_party_id: string;
  to_country_code: string;
  to_party_id: string;
  /** The id of the object the message is about, for searching (session id, CDR id, …). */
  reference: string | null;
  /** Receiving party and object (`DE-MSP SESSIONS/NL/CPO/S1`): messages with one key arrive in the order written. */
  ordering_key: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  locked_until: Date | null;
  last_error: string | null;
  last_http_status: number | null;
  /** The `Location` header a CDR POST was answered with. */
  response_location: string | null;
  created_at: CreatedAt;
  delivered_at: Date | null;
}

/**
 * Objects partners own and push or let us pull (their locations and tariffs at an eMSP, their
 * tokens at a CPO), one row per object as the owner last sent it.
 */
export interface PartnerObjectTable {
  seq: ColumnType<string, never, never>;
  /** Our party that received the object. */
  local_country_code: string;
  local_party_id: string;
  module: string;
  /** The owner. */
  country_code: string;
  party_id: string;
  /** The object's id (or token uid) in upper case: OCPI compares these CiStrings without case. */
  object_key: string;
  /** The token type for tokens (uids are unique per type); empty otherwise. */
  object_type: ColumnType<string, string | undefined, string>;
  data: Json<Record<string, unknown>>;
  last_updated: Date;
  peer_id: string;
  received_at: CreatedAt;
  /** Last time a push or a pull carried the object: a full pull drops what it did not see. */
  seen_at: Date;
}

export interface PartnerSyncTable {
  peer_id: string;
  module: string;
  last_full_at: Date | null;
  /** `date_from` of the next delta pull: the start of the last successful pull. */
  next_delta_from: Date | null;
  last_run_at: Date | null;
  last_error: string | null;
  last_object_count: number | null;
}

export interface CoreTables {
  peer: PeerTable;
  peer_party: PeerPartyTable;
  outbox: OutboxTable;
  partner_object: PartnerObjectTable;
  partner_sync: PartnerSyncTable;
}

/** Every table: the core ones here, each functional area's in its own file under `store/tables/`. */
export type Tables = CoreTables & TariffTables & TokenTables & LocationTables & SessionTables & CommandTables & RetailTables & SettlementTables & ChargerTables & HubTables & LogTables;

