import type { PartyRef } from '../../ocpi/headers.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { Database } from '../../store/database.js';

/** How a token came to charge, or was refused: docs/ARCHITECTURE.md "Operator dashboard". */
export type AuthorizationMethod = 'realtime' | 'whitelist' | 'command' | 'session';

export interface AuthorizationEntry {
  at: string;
  method: AuthorizationMethod;
  location_id: string | null;
  /** AllowedType (or UNKNOWN_TOKEN) of a real-time answer; ALLOWED for a session that ran. */
  result: string;
  /** The CPO, `CC-PID`. */
  counterpart: string;
  authorization_reference: string | null;
  session_id: string | null;
}

/** Sessions CPOs sent for a token: the eMSP's only trace of whitelist and command starts. */
export interface TokenSessions {
  forToken(local: PartyRef, type: string, uid: string, limit: number): Promise<Session[]>;
}

/** OCPI AuthMethod of a session → how it was authorized (a real-time answer is listed on its own). */
const SESSION_METHOD: Record<string, AuthorizationMethod> = { WHITELIST: 'whitelist', COMMAND: 'command', AUTH_REQUEST: 'session' };

/**
 * What an eMSP knows of one token's authorizations: the real-time requests it answered (with the
 * answer, even a refusal) and the sessions CPOs reported for it. Starts a CPO allowed from its
 * whitelist never reach the eMSP until the session does.
 */
export class TokenAuthorizationHistory {
  constructor(
    private readonly db: Database,
    private readonly sessions: TokenSessions,
  ) {}

  /** Newest first; `uid` as the token store keeps it. */
  async list(party: PartyRef, type: string, uid: string, limit: number): Promise<AuthorizationEntry[]> {
    const answers = await this.db
      .selectFrom('emsp_authorization')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('token_type', '=', type)
      .where((eb) => eb(eb.fn('upper', ['token_uid']), '=', uid.toUpperCase()))
      .orderBy('decided_at', 'desc')
      .limit(limit)
      .execute();
    const entries: AuthorizationEntry[] = answers.map((a) => ({
      at: a.decided_at.toISOString(),
      method: 'realtime',
      location_id: a.location_id,
      result: a.allowed,
      counterpart: `${a.cpo_country_code}-${a.cpo_party_id}`,
      authorization_reference: a.authorization_reference,
      session_id: null,
    }));
    for (const session of await this.sessions.forToken(party, type, uid, limit)) {
      entries.push({
        at: new Date(session.start_date_time).toISOString(),
        method: SESSION_METHOD[session.auth_method] ?? 'session',
        location_id: session.location_id,
        result: 'ALLOWED',
        counterpart: `${session.country_code}-${session.party_id}`.toUpperCase(),
        authorization_reference: session.authorization_reference ?? null,
        session_id: session.id,
      });
    }
    return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }
}
