import type { Token } from '../../ocpi/types/tokens.js';

/** A START_SESSION sent to a charger, waiting for the transaction it should become. */
export interface PendingRemoteStart {
  identity: string;
  /** The idTag or idToken we sent: what the charger will authorize and start with. */
  idTag: string;
  remoteStartId: number;
  token: Token;
  authorizationReference?: string;
  expiresAt: number;
}

/**
 * A driver told to plug in has a few minutes to do so; OCPI's Commands module lets the CPO skip
 * real-time authorization of a START_SESSION token for 15 minutes, which bounds the wait here.
 */
const VALID_MS = 15 * 60_000;

/**
 * Remote starts between the charger's "Accepted" and its transaction start, so the transaction is
 * the eMSP's (auth_method COMMAND, its token and authorization_reference). Matched by the
 * remoteStartId a 2.0.1 charger echoes, or by idTag on that charger (1.6 has no such id). Kept in
 * memory: a process restart forgets them, and the transaction is then authorized like a tap.
 */
export class RemoteStarts {
  readonly #pending: PendingRemoteStart[] = [];

  add(start: Omit<PendingRemoteStart, 'expiresAt'>, now = Date.now()): void {
    this.#prune(now);
    this.#pending.push({ ...start, expiresAt: now + VALID_MS });
  }

  /** Forgets a start the charger refused. */
  drop(remoteStartId: number): void {
    const index = this.#pending.findIndex((p) => p.remoteStartId === remoteStartId);
    if (index >= 0) this.#pending.splice(index, 1);
  }

  /** The pending start a charger is authorizing, without consuming it. */
  find(identity: string, idTag: string, now = Date.now()): PendingRemoteStart | undefined {
    this.#prune(now);
    return this.#pending.find((p) => sameCharger(p, identity) && p.idTag.toUpperCase() === idTag.toUpperCase());
  }

  /** The pending start a transaction fulfils, consumed. */
  take(identity: string, match: { remoteStartId?: number; idTag?: string }, now = Date.now()): PendingRemoteStart | undefined {
    this.#prune(now);
    const index = this.#pending.findIndex(
      (p) => sameCharger(p, identity) && ((match.remoteStartId !== undefined && p.remoteStartId === match.remoteStartId) || (match.idTag !== undefined && p.idTag.toUpperCase() === match.idTag.toUpperCase())),
    );
    return index >= 0 ? this.#pending.splice(index, 1)[0] : undefined;
  }

  #prune(now: number): void {
    for (let i = this.#pending.length - 1; i >= 0; i--) if (this.#pending[i]!.expiresAt <= now) this.#pending.splice(i, 1);
  }
}

function sameCharger(start: PendingRemoteStart, identity: string): boolean {
  return start.identity.toUpperCase() === identity.toUpperCase();
}
