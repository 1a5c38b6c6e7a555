import type { ColumnType } from 'kysely';

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

export interface Tables {
  peer: PeerTable;
  peer_party: PeerPartyTable;
}

