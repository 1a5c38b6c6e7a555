import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from '../tables.js';

/** Why an eMSP token is not valid; also the `allowed` answer its real-time authorization gives. */
export type TokenBlockReason = 'BLOCKED' | 'EXPIRED' | 'NO_CREDIT';

/**
 * A hosted eMSP party's own tokens (OCPI 2.2.1 "Tokens", Token object) plus what only the eMSP
 * knows: why a token is blocked and where it may charge.
 */
export interface EmspTokenTable {
  seq: ColumnType<string, never, never>;
  country_code: string;
  party_id: string;
  /** RFID uids normalised (upper-case hex, no separators); other types in upper case (CiString). */
  uid: string;
  type: string;
  contract_id: string;
  visual_number: string | null;
  issuer: string;
  group_id: string | null;
  valid: boolean;
  whitelist: string;
  language: string | null;
  default_profile_type: string | null;
  energy_contract: Json<{ supplier_name: string; contract_id?: string }> | null;
  last_updated: Date;
  block_reason: TokenBlockReason | null;
  /** The operator's note on a block, never sent to partners. */
  block_note: string | null;
  /** Where the token may charge: `CC-PID` (a CPO) or `CC-PID/LOCATION_ID`; null means anywhere. */
  charge_at: Json<string[]> | null;
  created_at: CreatedAt;
}

/** One real-time authorization the eMSP answered; the reference is what Sessions and CDRs carry back. */
export interface EmspAuthorizationTable {
  authorization_reference: string;
  country_code: string;
  party_id: string;
  token_uid: string;
  token_type: string;
  cpo_country_code: string;
  cpo_party_id: string;
  location_id: string | null;
  /** AllowedType, or UNKNOWN_TOKEN for a uid we do not know. */
  allowed: string;
  decided_at: CreatedAt;
}

/** One authorization decision of a hosted CPO party, for the authorization success KPI. */
export interface CpoAuthorizationTable {
  id: ColumnType<string, never, never>;
  local_country_code: string;
  local_party_id: string;
  /** The uid as the charger gave it. */
  uid: string;
  token_type: string;
  emsp_country_code: string | null;
  emsp_party_id: string | null;
  location_id: string | null;
  evse_uid: string | null;
  allowed: boolean;
  status: string;
  reason: string;
  method: string;
  authorization_reference: string | null;
  latency_ms: number;
  decided_at: CreatedAt;
}

export interface TokenTables {
  emsp_token: EmspTokenTable;
  emsp_authorization: EmspAuthorizationTable;
  cpo_authorization: CpoAuthorizationTable;
}
