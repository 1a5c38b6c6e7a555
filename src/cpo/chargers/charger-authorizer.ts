import type { ChargerIdToken, TokenVerdict } from '../../ocpp/charger-events.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { AuthMethod, CdrToken } from '../../ocpi/types/sessions.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { AuthorizationDecision, AuthorizationService } from '../authorization/authorization-service.js';
import type { ChargerRow } from './charger-repository.js';
import type { RemoteStarts } from './remote-starts.js';

/** Who pays for a transaction: what its session is started with. */
export interface SessionAuthority {
  cdr_token: CdrToken;
  auth_method: AuthMethod;
  authorization_reference?: string;
}

export interface StartAuthorization {
  verdict: TokenVerdict;
  /** Present when a session may start; absent for a refused or unknown token. */
  authority?: SessionAuthority;
}

/**
 * A decision at Authorize holds for the StartTransaction that follows, so the driver is not made
 * to wait for the eMSP twice (and the authorization_reference stays the same).
 */
const DECISION_TTL_MS = 10 * 60_000;

/**
 * Tokens at our chargers: a pending remote start is the eMSP's own word (OCPI "Commands": no
 * real-time check for 15 minutes after START_SESSION); anything else goes through the CPO's
 * authorization service, which matches the idTag in any case and byte order.
 */
export class ChargerAuthorizer {
  readonly #decisions = new Map<string, { decision: AuthorizationDecision; at: number }>();

  constructor(
    private readonly authorization: AuthorizationService,
    private readonly remoteStarts: RemoteStarts,
  ) {}

  async authorize(charger: ChargerRow, token: ChargerIdToken): Promise<TokenVerdict> {
    if (await this.remoteStarts.find(charger.charge_box_id, token.id)) return 'Accepted';
    return verdictOf(await this.decide(charger, token, false));
  }

  /** The authority of a transaction start: a remote start it fulfils, or the token's decision. */
  async authorizeStart(charger: ChargerRow, token: ChargerIdToken, remoteStartId?: number): Promise<StartAuthorization> {
    const remote = await this.remoteStarts.take(charger.charge_box_id, { remoteStartId, idTag: token.id });
    if (remote) {
      const authority: SessionAuthority = { cdr_token: cdrTokenOf(remote.token), auth_method: 'COMMAND' };
      if (remote.authorizationReference) authority.authorization_reference = remote.authorizationReference;
      return { verdict: 'Accepted', authority };
    }
    const decision = await this.decide(charger, token, true);
    const verdict = verdictOf(decision);
    if (!decision.allowed || !decision.token) return { verdict };
    const authority: SessionAuthority = { cdr_token: cdrTokenOf(decision.token), auth_method: decision.method === 'realtime' ? 'AUTH_REQUEST' : 'WHITELIST' };
    if (decision.authorization_reference) authority.authorization_reference = decision.authorization_reference;
    return { verdict, authority };
  }

  private async decide(charger: ChargerRow, token: ChargerIdToken, reuse: boolean): Promise<AuthorizationDecision> {
    const key = `${charger.charger_key}|${token.id.toUpperCase()}`;
    const cached = this.#decisions.get(key);
    if (reuse && cached && Date.now() - cached.at < DECISION_TTL_MS) return cached.decision;
    const party: PartyRef = { countryCode: charger.country_code, partyId: charger.party_id };
    const evseUids = [...new Set(charger.connectors.map((m) => m.evse_uid))];
    const decision = await this.authorization.authorize({ party, uid: token.id, type: tokenTypeOf(token.type), location_id: charger.location_id, evse_uids: evseUids });
    this.#prune();
    this.#decisions.set(key, { decision, at: Date.now() });
    return decision;
  }

  #prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.#decisions) if (now - entry.at >= DECISION_TTL_MS) this.#decisions.delete(key);
  }
}

/** OCPI AllowedType → the charger's verdict (OCPP 2.0.1 AuthorizationStatusEnumType). */
export function verdictOf(decision: AuthorizationDecision): TokenVerdict {
  if (decision.allowed) return 'Accepted';
  switch (decision.status) {
    case 'BLOCKED':
      return 'Blocked';
    case 'EXPIRED':
      return 'Expired';
    case 'NO_CREDIT':
      return 'NoCredit';
    default:
      if (decision.reason === 'unknown_token') return 'Unknown';
      if (decision.reason === 'evse_not_allowed') return 'NotAtThisLocation';
      return 'Invalid';
  }
}

/** 2.0.1 IdTokenEnumType → OCPI TokenType; a 1.6 idTag has no type and is what an RFID reader read. */
export function tokenTypeOf(type: string | undefined): string {
  switch (type) {
    case undefined:
    case 'ISO14443':
    case 'ISO15693':
      return 'RFID';
    case 'Central':
      return 'APP_USER';
    case 'Local':
      return 'AD_HOC_USER';
    default:
      return 'OTHER';
  }
}

/** OCPI TokenType → 2.0.1 IdTokenEnumType, for tokens we send to a charger. */
export function idTokenTypeOf(type: string): string {
  switch (type) {
    case 'RFID':
      return 'ISO14443';
    case 'AD_HOC_USER':
      return 'Local';
    default:
      return 'Central';
  }
}

export function cdrTokenOf(token: Token): CdrToken {
  return { country_code: token.country_code, party_id: token.party_id, uid: token.uid, type: token.type, contract_id: token.contract_id };
}
