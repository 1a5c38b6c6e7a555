import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from '../tables.js';

export type ChargerCommandStatus =
  /** Sent on to the charger; its answer is awaited until `timeout_at`. */
  | 'PENDING'
  /** The CommandResult is queued for the eMSP's response_url. */
  | 'ANSWERED';

/** A command an eMSP sent to one of our CPO parties (OCPI 2.2.1 "Commands", receiver). */
export interface ChargerCommandTable {
  id: string;
  country_code: string;
  party_id: string;
  peer_id: string;
  emsp_country_code: string;
  emsp_party_id: string;
  command: string;
  request: Json<Record<string, unknown>>;
  response_url: string;
  status: ChargerCommandStatus;
  result: string | null;
  timeout_at: Date;
  created_at: CreatedAt;
  answered_at: Date | null;
}

/** SENDING until the CPO answers; FAILED when it could not be reached or answered an error. */
export type SentCommandStatus = 'SENDING' | 'REJECTED' | 'ACCEPTED' | 'RESULT_RECEIVED' | 'TIMED_OUT' | 'FAILED';

/** A command one of our eMSP parties sent to a CPO partner, and what came back. */
export interface SentCommandTable {
  id: string;
  country_code: string;
  party_id: string;
  peer_id: string;
  cpo_country_code: string;
  cpo_party_id: string;
  command: string;
  request: Json<Record<string, unknown>>;
  status: SentCommandStatus;
  response: Json<Record<string, unknown>> | null;
  result: Json<Record<string, unknown>> | null;
  /** When the CommandResult is due at the latest: the CPO's `timeout` after its response. */
  result_due_at: Date | null;
  error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date, Date>;
}

export interface CommandTables {
  charger_command: ChargerCommandTable;
  sent_command: SentCommandTable;
}
