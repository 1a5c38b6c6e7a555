/**
 * What chargers tell a CSMS, in one vocabulary for OCPP 1.6 and 2.0.1. The version adapters turn
 * messages into these events and the answers back into messages; whoever handles the events
 * (the CPO's charger module) never sees an OCPP payload.
 */

export type OcppVersion = '1.6' | '2.0.1';

/** A connected charger: its identity (the last segment of its URL) and the OCPP version it speaks. */
export interface ChargerRef {
  identity: string;
  version: OcppVersion;
}

/**
 * A place on a charger. OCPP 1.6 numbers connectors (`connector`); 2.0.1 numbers EVSEs and the
 * connectors within each (`evse`, `connector`). Both empty means the whole charger (1.6
 * connectorId 0, 2.0.1 evseId 0).
 */
export interface ChargerPlace {
  evse?: number;
  connector?: number;
}

/** Connector states of both versions: 1.6 ChargePointStatus and 2.0.1 ConnectorStatusEnumType. */
export type ConnectorState =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted'
  | 'Occupied';

/**
 * A token as the charger read it. OCPP 1.6 idTags carry no type; 2.0.1 IdTokenEnumType says
 * what it is (ISO14443, ISO15693, eMAID, Central, KeyCode, Local, MacAddress, NoAuthorization).
 */
export interface ChargerIdToken {
  id: string;
  type?: string;
}

/**
 * The CSMS's verdict on a token, in 2.0.1's terms (AuthorizationStatusEnumType); the 1.6 adapter
 * folds the values 1.6 lacks into its own (NoCredit → Blocked, NotAtThisLocation and Unknown → Invalid).
 */
export type TokenVerdict = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'NoCredit' | 'NotAtThisLocation' | 'Unknown' | 'ConcurrentTx';

/**
 * A charger timestamp that was not used as sent: too far ahead of our clock, so old that the
 * charger's clock was never set, or unreadable. `at` is then the time of receipt.
 */
export interface ClockCorrection {
  /** The timestamp as the charger sent it. */
  reported: string;
  reason: 'ahead' | 'too_old' | 'unreadable';
}

/** One metering instant, normalised: kWh of the import register, kW, and amperes summed over phases. */
export interface MeterReading {
  at: string;
  clock?: ClockCorrection;
  energyKwh?: number;
  powerKw?: number;
  currentA?: number;
  /** The OCPP ReadingContext when the charger gave it (`Transaction.Begin`, `Sample.Periodic`, …). */
  context?: string;
}

export interface BootInfo {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
}

export interface StatusChange {
  place: ChargerPlace;
  state: ConnectorState;
  at: string;
  clock?: ClockCorrection;
  /** 1.6 ChargePointErrorCode (`NoError`, `GroundFailure`, …); absent in 2.0.1. */
  errorCode?: string;
}

export interface TransactionStart {
  /** The charger's transaction id (2.0.1); absent for 1.6, where the CSMS assigns it. */
  transactionId?: string;
  place: ChargerPlace;
  /** Absent when a 2.0.1 transaction starts before the driver is identified (TxStartPoint EVConnected). */
  idToken?: ChargerIdToken;
  /** The register at the start, when the charger reported it. */
  meterStartKwh?: number;
  at: string;
  clock?: ClockCorrection;
  reservationId?: number;
  /** 2.0.1: echoes the id of our RequestStartTransaction. */
  remoteStartId?: number;
}

export interface TransactionUpdate {
  transactionId: string;
  /** 2.0.1 sends the token in a later event when the transaction started without one. */
  idToken?: ChargerIdToken;
  readings: MeterReading[];
}

export interface TransactionEnd {
  transactionId: string;
  /** The register at the stop (1.6 meterStop; 2.0.1 the Transaction.End reading when sent). */
  meterStopKwh?: number;
  at: string;
  clock?: ClockCorrection;
  reason?: string;
  idToken?: ChargerIdToken;
  /** Readings sent with the stop (1.6 transactionData, 2.0.1 meterValue of the Ended event). */
  readings: MeterReading[];
}

/**
 * The CSMS's answer to a BootNotification (1.6 RegistrationStatus, 2.0.1 RegistrationStatusEnumType):
 * Pending holds a charger the CSMS does not serve yet, which boots again after the interval.
 */
export type BootVerdict = 'Accepted' | 'Pending' | 'Rejected';

/** What a transaction start is answered with: our transaction id for 1.6 (an integer as text), and the verdict. */
export interface TransactionStartAnswer {
  transactionId: string;
  verdict: TokenVerdict;
}

/**
 * The handler of charger events. Transaction events must always resolve: a charger retries an
 * unanswered or refused transaction message for as long as it is configured to (OCPP 1.6 §4.8
 * and "Transaction-related messages"), so a failure here is logged and answered normally.
 */
export interface ChargerEvents {
  booted(charger: ChargerRef, boot: BootInfo): Promise<BootVerdict>;
  statusChanged(charger: ChargerRef, change: StatusChange): Promise<void>;
  authorize(charger: ChargerRef, token: ChargerIdToken): Promise<TokenVerdict>;
  transactionStarted(charger: ChargerRef, start: TransactionStart): Promise<TransactionStartAnswer>;
  /** Returns a verdict when the update carried a token that was checked now. */
  transactionUpdated(charger: ChargerRef, update: TransactionUpdate): Promise<TokenVerdict | null>;
  transactionEnded(charger: ChargerRef, end: TransactionEnd): Promise<TokenVerdict | null>;
  /** The charger's WebSocket is open (first time or again); no message has been exchanged yet. */
  connected(charger: ChargerRef): void;
  disconnected(charger: ChargerRef): void;
}
