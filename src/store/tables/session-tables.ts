import type { ColumnType } from 'kysely';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { CreatedAt, Json } from '../tables.js';

/** A bigserial: assigned by the database, read as a string (it may exceed 2^53). */
type Seq = ColumnType<string, never, never>;

/** A metering sample of a CPO session (the tariff engine's MeterSample). */
export interface StoredMeterSample {
  at: string;
  energyKwh: number;
  powerKw?: number;
  currentA?: number;
  state: 'CHARGING' | 'PARKED';
}

/** What a CPO session is priced and sealed with, as it was at session start (OCPI 2.2.1 "CDRs": CdrLocation, tariffs). */
export interface StoredChargePoint {
  location: CDR['cdr_location'];
  time_zone: string;
  tariff: NonNullable<CDR['tariffs']>[number];
}

/** A session at one of our CPO parties, as the OCPI Session we publish plus what prices it. */
export interface CpoSessionTable {
  seq: Seq;
  country_code: string;
  party_id: string;
  /** The session id in upper case (CiString). */
  session_key: string;
  /** The eMSP the token belongs to: who may read the session, and who is pushed it. */
  emsp_country_code: string;
  emsp_party_id: string;
  status: string;
  start_date_time: Date;
  end_date_time: Date | null;
  last_updated: Date;
  data: Json<Session>;
  timeline: Json<StoredMeterSample[]>;
  charge_point: Json<StoredChargePoint>;
  /** The CPO closed the session itself: its charger never sent the stop (its CDR says so in `remark`). */
  closed_by_timeout: ColumnType<boolean, boolean | undefined, boolean>;
  /** What the charger gateway worked around (`meter_went_back`, `clock_ahead`, …), for review. */
  flags: ColumnType<string[], string | undefined, string>;
  created_at: CreatedAt;
}

/** A CDR one of our CPO parties issued. Immutable once written except for the eMSP's `Location` answer. */
export interface CpoCdrTable {
  seq: Seq;
  country_code: string;
  party_id: string;
  cdr_key: string;
  emsp_country_code: string;
  emsp_party_id: string;
  credit: boolean;
  /** For a credit CDR: the credited CDR's id in upper case. */
  credit_reference_key: string | null;
  last_updated: Date;
  data: Json<CDR>;
  /** Where the eMSP keeps the CDR (the `Location` header of its POST answer). */
  location_url: string | null;
  created_at: CreatedAt;
}

/** A session a CPO partner pushed to (or let be pulled by) one of our eMSP parties. */
export interface EmspSessionTable {
  seq: Seq;
  local_country_code: string;
  local_party_id: string;
  /** The CPO that owns the session. */
  country_code: string;
  party_id: string;
  session_key: string;
  peer_id: string;
  status: string;
  start_date_time: Date;
  end_date_time: Date | null;
  last_updated: Date;
  data: Json<Session>;
  /** PUTs and PATCHes that changed the session: duplicates and stale updates do not count. */
  update_count: number;
  received_at: CreatedAt;
  updated_at: Date;
}

/** A CDR one of our eMSP parties accepted. */
export interface EmspCdrTable {
  seq: Seq;
  local_country_code: string;
  local_party_id: string;
  country_code: string;
  party_id: string;
  cdr_key: string;
  peer_id: string;
  credit: boolean;
  /** For a credit CDR: the `seq` of the CDR it credits. */
  credits_seq: string | null;
  last_updated: Date;
  data: Json<CDR>;
  received_at: CreatedAt;
}

export interface CdrProblem {
  field: string;
  reason: string;
}

/** A well-formed CDR our eMSP party refused as implausible, kept for the operator (one row per CDR id). */
export interface RejectedCdrTable {
  seq: Seq;
  local_country_code: string;
  local_party_id: string;
  country_code: string;
  party_id: string;
  cdr_key: string;
  peer_id: string;
  problems: Json<CdrProblem[]>;
  body: Json<CDR>;
  attempts: number;
  first_received_at: CreatedAt;
  last_received_at: Date;
}

export interface SessionTables {
  cpo_session: CpoSessionTable;
  cpo_cdr: CpoCdrTable;
  emsp_session: EmspSessionTable;
  emsp_cdr: EmspCdrTable;
  rejected_cdr: RejectedCdrTable;
}
