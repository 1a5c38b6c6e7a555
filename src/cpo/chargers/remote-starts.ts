import type { Token } from '../../ocpi/types/tokens.js';
import type { ChargerStateRepository, RemoteStartRow } from './charger-state-repository.js';

/** A START_SESSION sent to a charger, waiting for the transaction it should become. */
export interface PendingRemoteStart {
  identity: string;
  /** The idTag or idToken we sent: what the charger will authorize and start with. */
  idTag: string;
  remoteStartId: number;
  token: Token;
  authorizationReference?: string;
  /** The OCPI command it came from. */
  commandId: string;
}

/**
 * A driver told to plug in has a few minutes to do so; OCPI's Commands module lets the CPO skip
 * real-time authorization of a START_SESSION token for 15 minutes, which bounds the wait here.
 */
const VALID_MS = 15 * 60_000;

/**
 * Remote starts between the charger's "Accepted" and its transaction start, so the transaction is
 * the eMSP's (auth_method COMMAND, its token and authorization_reference). Matched by the
 * remoteStartId a 2.0.1 charger echoes, or by idTag on that charger (1.6 has no such id). Stored,
 * so a driver who plugs in while evroam restarts still gets the eMSP's session.
 */
export class RemoteStarts {
  constructor(private readonly repository: ChargerStateRepository) {}

  async add(start: PendingRemoteStart, now = new Date()): Promise<void> {
    await this.repository.dropExpiredRemoteStarts(now);
    await this.repository.addRemoteStart({ ...start, authorizationReference: start.authorizationReference ?? null, expiresAt: new Date(now.getTime() + VALID_MS) });
  }

  /** Forgets a start the charger refused. */
  drop(remoteStartId: number): Promise<void> {
    return this.repository.dropRemoteStart(remoteStartId);
  }

  /** The pending start a charger is authorizing, without consuming it. */
  async find(identity: string, idTag: string, now = new Date()): Promise<PendingRemoteStart | undefined> {
    const row = (await this.repository.remoteStartsOf(identity, now)).find((r) => sameTag(r, idTag));
    return row && pendingOf(identity, row);
  }

  /** The pending start a transaction fulfils, consumed: the echoed remoteStartId first, else the idTag. */
  async take(identity: string, match: { remoteStartId?: number; idTag?: string }, now = new Date()): Promise<PendingRemoteStart | undefined> {
    const open = await this.repository.remoteStartsOf(identity, now);
    const candidates = [...open.filter((r) => match.remoteStartId !== undefined && r.remote_start_id === match.remoteStartId), ...open.filter((r) => match.idTag !== undefined && sameTag(r, match.idTag))];
    for (const candidate of candidates) {
      const taken = await this.repository.takeRemoteStart(candidate.remote_start_id);
      if (taken) return pendingOf(identity, taken);
    }
    return undefined;
  }
}

function sameTag(row: RemoteStartRow, idTag: string): boolean {
  return row.id_tag.toUpperCase() === idTag.toUpperCase();
}

function pendingOf(identity: string, row: RemoteStartRow): PendingRemoteStart {
  const pending: PendingRemoteStart = { identity, idTag: row.id_tag, remoteStartId: row.remote_start_id, token: row.token, commandId: row.command_id };
  if (row.authorization_reference !== null) pending.authorizationReference = row.authorization_reference;
  return pending;
}
