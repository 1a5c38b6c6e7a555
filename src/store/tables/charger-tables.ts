import type { ColumnType } from 'kysely';
import type { Token } from '../../ocpi/types/tokens.js';
import type { CreatedAt, Json } from '../tables.js';

/** Which OCPI connector an OCPP place is: `ocpp` is the 1.6 connectorId or the 2.0.1 `evseId` / `evseId.connectorId`. */
export interface StoredConnectorMapping {
  ocpp: string;
  evse_uid: string;
  connector_id: string;
}

/** What the charger said of itself in its last BootNotification. */
export interface StoredBoot {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
  version: string;
}

/** A charger registered to one of our CPO parties, mapped to one of its Locations. */
export interface ChargerTable {
  /** The charge box identity in upper case: chargers are found by it whatever case they use. */
  charger_key: string;
  charge_box_id: string;
  country_code: string;
  party_id: string;
  location_id: string;
  connectors: Json<StoredConnectorMapping[]>;
  /** scrypt hash of the Basic-auth password (security profile 1); null admits the charger without one. */
  password_hash: string | null;
  boot: Json<StoredBoot> | null;
  booted_at: Date | null;
  created_at: CreatedAt;
  updated_at: Date;
}

export type ChargerTransactionStatus =
  /** A session runs for it (or waits for its token, 2.0.1). */
  | 'ACTIVE'
  /** Recorded and answered, but no session: token refused or unknown, or the charge point could not be priced. */
  | 'REFUSED'
  | 'ENDED';

/** An OCPP transaction of one charger and the session it drives. */
export interface ChargerTransactionTable {
  charger_key: string;
  /** 1.6: the integer we assigned, as text; 2.0.1: the charger's own id. */
  transaction_id: string;
  country_code: string;
  party_id: string;
  /** Duplicate detection for 1.6 StartTransaction: connector, idTag, timestamp and meterStart. */
  start_key: string | null;
  ocpp_place: string;
  id_tag: string | null;
  verdict: string;
  session_id: string | null;
  status: ChargerTransactionStatus;
  started_at: Date;
  /** The last reading handed to the session: the throttle and the monotonic checks start from it. */
  last_meter_kwh: number | null;
  last_meter_at: Date | null;
  /** The tariff prices power or current, so every reading counts (no throttling). */
  every_reading: boolean;
  /** What went wrong and was worked around, for reconciliation: `meter_went_back`, `clock_went_back`, … */
  flags: Json<string[]>;
  ended_at: Date | null;
  /** When we last received a message of this transaction (our clock): the stop timeout runs from it. */
  last_message_at: Date;
  /** Added to the charger's register so it continues from the last good reading after a meter reset. */
  meter_offset_kwh: number;
  /** The last reading received (throttled or not), on the continued register: what a timeout closes at. */
  last_reading_kwh: number | null;
  last_reading_at: Date | null;
  /** Charger values we did not use as sent, kept as they came (at most {@link MAX_EVIDENCE}). */
  evidence: Json<StoredEvidence[]>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date, Date>;
}

/** How many evidence entries a transaction keeps: a charger with a broken clock would add one per message. */
export const MAX_EVIDENCE = 20;

/** A charger value replaced by ours: a timestamp we clamped, or a stop that came after we closed the transaction. */
export interface StoredEvidence {
  kind: string;
  /** The OCPP message it came with. */
  message: string;
  /** What the charger sent. */
  reported: unknown;
  /** What we used instead, if anything. */
  used?: unknown;
  received_at: string;
}

/** An OCPI reservation (RESERVE_NOW) and the integer id the charger knows it by. */
export interface ChargerReservationTable {
  country_code: string;
  party_id: string;
  /** The eMSP that made the reservation: OCPI reservation ids are unique per eMSP only. */
  emsp_country_code: string;
  emsp_party_id: string;
  /** The eMSP's reservation_id in upper case. */
  reservation_key: string;
  charger_key: string;
  ocpp_reservation_id: number;
  expires_at: Date;
  created_at: CreatedAt;
}

/**
 * An unknown charger that connected while auto-registration was on (`chargerAutoRegistration`):
 * answered Pending, served nothing, until an operator maps it (it then moves to `charger`).
 */
export interface ChargerPendingTable {
  charger_key: string;
  charge_box_id: string;
  country_code: string;
  party_id: string;
  boot: Json<StoredBoot> | null;
  booted_at: Date | null;
  first_seen_at: CreatedAt;
  last_seen_at: Date;
}

/** A START_SESSION sent to a charger, waiting (until `expires_at`) for the transaction it should become. */
export interface ChargerRemoteStartTable {
  /** The id we sent (2.0.1 `remoteStartId`, echoed by the charger; 1.6 has none and matches by idTag). */
  remote_start_id: number;
  charger_key: string;
  /** The idTag or idToken we sent, as sent. */
  id_tag: string;
  /** The eMSP's OCPI Token the session is for. */
  token: Json<Token>;
  authorization_reference: string | null;
  /** The OCPI command it came from. */
  command_id: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/** The last state a charger reported for one of its connectors (StatusNotification). */
export interface ChargerConnectorStateTable {
  charger_key: string;
  /** The mapped OCPP place (`1`, `2.1`), as in {@link StoredConnectorMapping}. */
  ocpp_place: string;
  /** 1.6 ChargePointStatus or 2.0.1 ConnectorStatusEnumType. */
  state: string;
  updated_at: Date;
}

export interface ChargerTables {
  charger: ChargerTable;
  charger_transaction: ChargerTransactionTable;
  charger_reservation: ChargerReservationTable;
  charger_pending: ChargerPendingTable;
  charger_remote_start: ChargerRemoteStartTable;
  charger_connector_state: ChargerConnectorStateTable;
}
