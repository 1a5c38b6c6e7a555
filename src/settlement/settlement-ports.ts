import type { PartyRef } from '../ocpi/headers.js';
import type { CDR } from '../ocpi/types/cdrs.js';
import type { Session } from '../ocpi/types/sessions.js';

/**
 * What settlement asks the role modules, through ports: settlement never reads their tables.
 * `src/server/modules.ts` wires each port to the owning module's service. Facts come as the OCPI
 * objects the modules hold, plus the little only storage knows (when, over which connection).
 */

/** A stretch of time on the clock each method names: `from` inclusive, `to` exclusive. */
export interface FactWindow {
  from: Date;
  to: Date;
}

export type CdrDeliveryState = 'PENDING' | 'IN_FLIGHT' | 'DEAD' | 'NOT_QUEUED';

/** A CDR one of our CPO parties issued that the eMSP has not accepted, and where its POST stands. */
export interface UnacceptedCdr {
  cdr: CDR;
  issued_at: Date;
  delivery: {
    /** NOT_QUEUED: no POST was ever queued (no registered connection to the token's eMSP). */
    state: CdrDeliveryState;
    attempts: number;
    last_error: string | null;
    last_http_status: number | null;
    queued_at: Date | null;
  };
}

/** A session one of our eMSP parties received. */
export interface ReceivedSession {
  /** Creation order: the key scans page by. */
  seq: string;
  local: PartyRef;
  peer_id: string;
  session: Session;
}

/** A CDR one of our eMSP parties accepted. */
export interface ReceivedCdr {
  seq: string;
  local: PartyRef;
  cdr: CDR;
  received_at: Date;
}

/** A received CDR for a session that already had an uncredited CDR, neither of them credited since. */
export interface DuplicateCdr extends ReceivedCdr {
  original_cdr_id: string;
}

/** A received CDR whose stated cost differs from its re-priced tariff (the eMSP CDR module's check). */
export interface MispricedCdr extends ReceivedCdr {
  /** total_cost excl. VAT as the tariff gives it. */
  repriced_total_cost: number;
  differences: Array<{ field: string; stated: number; repriced: number }>;
}

/** A CDR one of our eMSP parties refused and has not accepted since. */
export interface RefusedCdr {
  local: PartyRef;
  cdr: CDR;
  problems: Array<{ field: string; reason: string }>;
  attempts: number;
  last_received_at: Date;
}

/** What an eMSP knows of a token it issued, now. */
export interface TokenState {
  uid: string;
  type: string;
  valid: boolean;
  block_reason: string | null;
  last_updated: Date;
}

/** A session whose CDR disagrees with what the charger's meter measured, or that the gateway closed itself. */
export interface MeterDisagreement {
  session_id: string;
  /** Energy by the charger's own meter (its last register minus its first), in kWh. */
  meter_kwh: number;
  /** The gateway closed the session itself: no stop came from the charger in time. */
  closed_by_timeout: boolean;
  /** The session's CDR (credits aside). */
  cdr: CDR;
}

export interface CpoSessionFacts {
  /** COMPLETED sessions of our CPO parties that ended in `window` and have no CDR. */
  endedWithoutCdr(window: FactWindow): Promise<Session[]>;
}

export interface CpoCdrFacts {
  /** CDRs our CPO parties issued in `window` whose POST the eMSP has not accepted. */
  notAccepted(window: FactWindow): Promise<UnacceptedCdr[]>;
}

/** Facts only the OCPP charger gateway has: the chargers' meters, and the sessions it had to close. */
export interface ChargerGatewayFacts {
  /**
   * Sessions that ended in `window` whose CDR bills an energy more than `toleranceKwh` away from
   * the meter, or that were closed by timeout, each with its CDR. Filtered where the data is, so a
   * million agreeing sessions cost one join, not a million objects.
   */
  meterDisagreements(window: FactWindow, toleranceKwh: number): Promise<MeterDisagreement[]>;
}

export interface EmspSessionFacts {
  /** COMPLETED sessions our eMSP parties received that ended in `window` and have no CDR. */
  completedWithoutCdr(window: FactWindow): Promise<ReceivedSession[]>;
  /** Received sessions that started in `window`, in creation order after `afterSeq`, at most `limit`. */
  startedIn(window: FactWindow, afterSeq: string | null, limit: number): Promise<ReceivedSession[]>;
}

export interface EmspCdrFacts {
  /** CDRs (credits aside) received in `window` whose session we do not hold. */
  withoutSession(window: FactWindow): Promise<ReceivedCdr[]>;
  duplicates(window: FactWindow): Promise<DuplicateCdr[]>;
  /** CDRs received in `window` that re-pricing flagged and that are not credited. */
  mispriced(window: FactWindow): Promise<MispricedCdr[]>;
  /** CDRs received in `window`, in creation order after `afterSeq`, at most `limit`. */
  receivedIn(window: FactWindow, afterSeq: string | null, limit: number): Promise<ReceivedCdr[]>;
  /** CDRs last refused in `window`. */
  refused(window: FactWindow): Promise<RefusedCdr[]>;
}

export interface EmspTokenFacts {
  /** Those of these tokens that `party` issued; a token it never issued is absent from the answer. */
  tokenStates(party: PartyRef, tokens: ReadonlyArray<{ uid: string; type: string }>): Promise<TokenState[]>;
}

/** Asks a CPO partner's CDR Sender list again (OCPI 2.2.1 "CDRs": the eMSP may GET what it missed). */
export interface CdrPuller {
  pullCdrs(peerId: string): Promise<{ received: number; refused: number }>;
}

/** How many events of one kind, between one of our parties and one counterpart. */
export interface EventCount {
  party: PartyRef;
  /** Null when the event names no counterpart (a token no partner gave us). */
  counterpart: PartyRef | null;
  count: number;
}

/** Authorization decisions of our CPO parties (whitelist or real time, cpo/authorization). */
export interface CpoAuthorizationCount extends EventCount {
  method: string;
  reason: string;
  allowed: boolean;
}

/** Real-time authorizations our eMSP parties answered (emsp/tokens). */
export interface EmspAuthorizationCount extends EventCount {
  allowed: string;
}

/** START_SESSION commands, by how they ended: ACCEPTED, another result, or none yet (null). */
export interface StartCommandCount extends EventCount {
  result: string | null;
}

/** Ended sessions, by final status and whether energy flowed. */
export interface EndedSessionCount extends EventCount {
  status: string;
  energy_flowed: boolean;
}

/** One CDR and when it was recorded against when its session ended; for the CPO, where its POST stands. */
export interface CdrTiming {
  party: PartyRef;
  counterpart: PartyRef;
  end_date_time: string;
  recorded_at: Date;
  /** CPO only: DELIVERED, DEAD, PENDING, IN_FLIGHT, or null when never queued. */
  delivery?: string | null;
}

/** Our calls to one partner party: how many the partner answered, how many we made, how long delivery took. */
export interface PartnerCalls {
  party: PartyRef;
  counterpart: PartyRef;
  answered: number;
  attempts: number;
  /** Seconds from queued to delivered, one per delivered message. */
  delivery_seconds: number[];
}

export interface CpoKpiFacts {
  authorizations(window: FactWindow): Promise<CpoAuthorizationCount[]>;
  startCommands(window: FactWindow): Promise<StartCommandCount[]>;
  /** Sessions that ended in the window. */
  endedSessions(window: FactWindow): Promise<EndedSessionCount[]>;
  /** CDRs issued in the window. */
  cdrs(window: FactWindow): Promise<CdrTiming[]>;
}

export interface EmspKpiFacts {
  authorizations(window: FactWindow): Promise<EmspAuthorizationCount[]>;
  startCommands(window: FactWindow): Promise<StartCommandCount[]>;
  endedSessions(window: FactWindow): Promise<EndedSessionCount[]>;
  /** CDRs accepted in the window. */
  cdrs(window: FactWindow): Promise<CdrTiming[]>;
  /** CDRs refused in the window and not accepted since. */
  refusedCdrs(window: FactWindow): Promise<EventCount[]>;
}

/** A session billed on a statement that was settled: from the end of the session to the settlement. */
export interface SettledSession {
  party: PartyRef;
  counterpart: PartyRef;
  seconds: number;
}

/** Settlement's own facts for the KPIs (its statements), next to the role modules' ports. */
export interface SettlementKpiFacts {
  /** Sessions (credit CDRs aside) on statements settled in the window. */
  settledSessions(window: FactWindow): Promise<SettledSession[]>;
}

export interface DeliveryKpiFacts {
  /** Outbox messages queued in the window, per sending party and receiving party. */
  partnerCalls(window: FactWindow): Promise<PartnerCalls[]>;
}

/** A CDR between one of our parties and one partner party, with when we issued or received it. */
export interface RecordedCdr {
  cdr: CDR;
  recorded_at: Date;
}

/**
 * The CDRs between one of our parties and a partner party, in one role: at a CPO those it issued
 * for the partner's tokens, at an eMSP those it accepted from the partner. What statements are
 * built from and disputes are about.
 */
export interface PartnerCdrFacts {
  /** Those recorded in `window.recorded` whose session ended (`end_date_time`) in `window.ended`: filtered where the data is. */
  cdrsBetween(local: PartyRef, counterpart: PartyRef, window: { recorded: FactWindow; ended: FactWindow }): Promise<RecordedCdr[]>;
  find(local: PartyRef, counterpart: PartyRef, cdrId: string): Promise<CDR | null>;
}

/** The CPO's credit CDR for an accepted dispute, sent to the eMSP through OCPI (cpo/cdrs). */
export interface CreditIssuer {
  credit(party: PartyRef, cdrId: string, remark: string): Promise<CDR>;
}

/** What an eMSP party charged its drivers for each CDR, excl. VAT (emsp/retail): decimals as text, credits negative. */
export interface RetailRevenueFacts {
  /** The CDRs whose session ended in `window`. */
  netByCdr(local: PartyRef, window: FactWindow): Promise<Array<{ cpo: PartyRef; cdr_id: string; currency: string; net: string }>>;
}
