import type { FastifyBaseLogger } from 'fastify';
import type { PartyRef } from '../../ocpi/headers.js';
import type { DisplayText } from '../../ocpi/types/common.js';
import type { AllowedType, LocationReferences, Token } from '../../ocpi/types/tokens.js';
import type { CachedToken, PartnerTokens } from '../tokens/partner-tokens.js';
import type { AuthorizationRepository, DecisionCount } from './authorization-repository.js';
import type { RealtimeAuthorizer } from './emsp-realtime-authorizer.js';
import { fromAnswer, fromCache, methodFor, withoutAnswer, type AuthorizationMethod, type DecisionReason, type Verdict } from './whitelist-rules.js';

export interface AuthorizationRequest {
  /** Our CPO party the charger belongs to. */
  party: PartyRef;
  /** As the charger read it: any case, with separators, in either byte order. */
  uid: string;
  /** OCPI TokenType; RFID when the charger cannot tell (OCPP 1.6 idTags carry no type). */
  type?: string;
  location_id?: string;
  evse_uids?: string[];
}

export interface AuthorizationDecision {
  allowed: boolean;
  status: AllowedType;
  reason: DecisionReason;
  method: AuthorizationMethod;
  token: Token | null;
  authorization_reference: string | null;
  emsp_party: { country_code: string; party_id: string } | null;
  /** How the charger's uid matched the token: `reversed` when the reader reported the bytes backwards. */
  uid_match: CachedToken['match'] | null;
  location: LocationReferences | null;
  info: DisplayText | null;
}

/**
 * Decides whether a token may charge at one of our chargers. The token is looked up among the
 * tokens our eMSP partners gave us; its whitelist says whether the cache decides or the eMSP is
 * asked in real time, and what holds when the eMSP does not answer (see whitelist-rules.ts).
 * Every decision is recorded.
 */
export class AuthorizationService {
  constructor(
    private readonly deps: { tokens: PartnerTokens; realtime: RealtimeAuthorizer; decisions: AuthorizationRepository; log: FastifyBaseLogger },
  ) {}

  async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
    const started = performance.now();
    const type = request.type ?? 'RFID';
    const cached = await this.deps.tokens.findForAuthorization(request.party, request.uid, type);
    const decision = cached ? await this.decide(cached, request) : unknownToken();
    await this.record(request, type, decision, Math.round(performance.now() - started));
    return decision;
  }

  /** The decisions taken in [from, to), counted: for the authorization success KPI. */
  decisionCounts(window: { from: Date; to: Date }): Promise<DecisionCount[]> {
    return this.deps.decisions.counts(window.from, window.to);
  }

  private async decide(cached: CachedToken, request: AuthorizationRequest): Promise<AuthorizationDecision> {
    const base = { token: cached.token, emsp_party: { country_code: cached.owner.countryCode, party_id: cached.owner.partyId }, uid_match: cached.match, authorization_reference: null, location: null, info: null };
    if (methodFor(cached.token.whitelist) === 'whitelist') return { ...fromCache(cached.token, 'whitelist'), ...base };

    const location: LocationReferences | null = request.location_id ? { location_id: request.location_id, ...(request.evse_uids?.length && { evse_uids: request.evse_uids }) } : null;
    const outcome = await this.deps.realtime.authorize(cached, request.party, location);
    switch (outcome.kind) {
      case 'answer':
        return {
          ...fromAnswer(outcome.info, request.evse_uids ?? []),
          ...base,
          token: outcome.info.token,
          authorization_reference: outcome.info.authorization_reference ?? null,
          location: outcome.info.location ?? null,
          info: outcome.info.info ?? null,
        };
      case 'unknown_token':
        return { ...refusal('unknown_token', 'realtime'), ...base };
      case 'refused':
        this.deps.log.warn({ uid: cached.token.uid, emsp: base.emsp_party, reason: outcome.message }, 'eMSP refused a real-time authorization request');
        return { ...refusal('emsp_error', 'realtime'), ...base };
      case 'no_answer':
        this.deps.log.warn({ uid: cached.token.uid, emsp: base.emsp_party, reason: outcome.message }, 'eMSP did not answer a real-time authorization; whitelist fallback applies');
        return { ...withoutAnswer(cached.token), ...base };
    }
  }

  /** A failure to log must not turn a driver away: the decision stands, the loss is logged. */
  private async record(request: AuthorizationRequest, type: string, decision: AuthorizationDecision, latencyMs: number): Promise<void> {
    try {
      await this.deps.decisions.record({
        local_country_code: request.party.countryCode.toUpperCase(),
        local_party_id: request.party.partyId.toUpperCase(),
        uid: request.uid.slice(0, 64),
        token_type: type.slice(0, 32),
        emsp_country_code: decision.emsp_party?.country_code ?? null,
        emsp_party_id: decision.emsp_party?.party_id ?? null,
        location_id: request.location_id ?? null,
        evse_uid: request.evse_uids?.[0] ?? null,
        allowed: decision.allowed,
        status: decision.status,
        reason: decision.reason,
        method: decision.method,
        authorization_reference: decision.authorization_reference,
        latency_ms: latencyMs,
      });
    } catch (error) {
      this.deps.log.error({ err: error, uid: request.uid }, 'could not record an authorization decision');
    }
  }
}

function refusal(reason: DecisionReason, method: AuthorizationMethod): Verdict {
  return { allowed: false, status: 'NOT_ALLOWED', reason, method };
}

function unknownToken(): AuthorizationDecision {
  return { ...refusal('unknown_token', 'whitelist'), token: null, emsp_party: null, uid_match: null, authorization_reference: null, location: null, info: null };
}
