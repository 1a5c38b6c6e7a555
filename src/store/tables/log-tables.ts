import type { ColumnType } from 'kysely';
import type { Json } from '../tables.js';

/** A bigserial: assigned by the database, read as a string (it may exceed 2^53). */
type Seq = ColumnType<string, never, never>;

/** One OCPI request this process received (`in`) or sent (`out`): the operator's traffic log. */
export interface OcpiTrafficTable {
  id: Seq;
  /** When the request started. */
  at: Date;
  direction: 'in' | 'out';
  method: string;
  url: string;
  /** The OCPI module the URL names (`sessions`, `cdrs`, …), null when it names none. */
  module: string | null;
  http_status: number | null;
  ocpi_status: number | null;
  request_id: string;
  correlation_id: string;
  /** `CC-PID` in upper case. */
  from_party: string | null;
  to_party: string | null;
  /** The session ids, CDR ids, location ids and token uids the request is about, in upper case. */
  object_ids: Json<string[]>;
  latency_ms: number;
  error: string | null;
}

/** One OCPP-J frame a charger sent us (`in`) or we sent it (`out`). */
export interface ChargerMessageTable {
  id: Seq;
  /** The charge box identity in upper case. */
  charger_key: string;
  at: Date;
  direction: 'in' | 'out';
  /** CALL, CALLRESULT, CALLERROR, or INVALID for a frame that is not OCPP-J. */
  kind: string;
  /** The call's action; for answers, the action of the call they answer. */
  action: string | null;
  message_id: string | null;
  /** The transaction the payload names, if it names one. */
  transaction_id: string | null;
  payload: Json<unknown>;
  error: string | null;
}

export interface LogTables {
  ocpi_traffic: OcpiTrafficTable;
  charger_message: ChargerMessageTable;
}
