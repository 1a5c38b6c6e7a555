import type { ChargerPlan } from './charger-plan.js';

/** A transaction as the simulated charger keeps it. */
export interface SimTransaction {
  connector: number;
  /** 1.6: the id the CSMS gave (as text); 2.0.1: the one the charger made up. */
  id: string;
  uid: string;
  /** 2.0.1 IdTokenEnumType of the token; ISO14443 for a card. */
  tokenType: string;
  startedAt: string;
  startWh: number;
  /** 2.0.1: the seqNo of the transaction's next event. */
  seqNo: number;
  remoteStartId?: number;
}

export interface OcppCall {
  method: string;
  params: Record<string, unknown>;
}

/** A start the CSMS asked for (1.6 RemoteStartTransaction, 2.0.1 RequestStartTransaction). */
export interface RemoteStart {
  connector?: number;
  uid: string;
  tokenType: string;
  remoteStartId?: number;
}

/**
 * What a simulated charger says in one OCPP version, and how it reads the answers and the
 * CSMS's requests. The charger's behaviour (simulated-charger.ts) is the same for both.
 */
export interface ChargerProtocol {
  subprotocol: string;
  boot(plan: ChargerPlan): OcppCall;
  heartbeat(): OcppCall;
  /** The version's word for a connector state; 2.0.1 folds the in-use states into Occupied. */
  state(state: string): string;
  status(connector: number, state: string, at: string): OcppCall;
  authorize(uid: string): OcppCall;
  /** The token status in an Authorize answer. */
  verdict(answer: Record<string, unknown>): string;
  /** 2.0.1 chargers name their transactions; 1.6 ones learn the id from the StartTransaction answer. */
  newTransactionId(): string | undefined;
  start(transaction: SimTransaction, at: string): OcppCall;
  /** The transaction id and token status a start was answered with. */
  started(answer: Record<string, unknown>, transaction: SimTransaction): { id: string; verdict: string };
  meter(transaction: SimTransaction, at: string, wh: number, watts: number, offline: boolean): OcppCall;
  stop(transaction: SimTransaction, at: string, wh: number, reason: string): OcppCall;
  remoteStart: { method: string; read(params: Record<string, unknown>): RemoteStart };
  remoteStop: { method: string; read(params: Record<string, unknown>): string };
}
