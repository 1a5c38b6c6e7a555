import type { AllowedType, AuthorizationInfo, Token } from '../../ocpi/types/tokens.js';

export type AuthorizationMethod = 'whitelist' | 'realtime' | 'offline_fallback';

/** Why a decision came out as it did; stable codes, counted by the authorization KPI. */
export type DecisionReason =
  /** ALWAYS token, valid in the cache. */
  | 'whitelisted'
  /** The cache says `valid: false` (ALWAYS token, or the eMSP did not answer). */
  | 'token_invalid'
  /** The eMSP answered; `status` is its `allowed`. */
  | 'emsp_answer'
  /** The eMSP allowed the token, but not at the EVSE the charger asked for. */
  | 'evse_not_allowed'
  /** No connected eMSP has the token, or its eMSP answered 404 / 2004. */
  | 'unknown_token'
  /** The eMSP refused the request itself (a 2xxx status such as 2002). */
  | 'emsp_error'
  /** The eMSP did not answer and the whitelist does not allow use without it. */
  | 'emsp_unreachable'
  /** The eMSP did not answer and the ALLOWED_OFFLINE token is valid in the cache. */
  | 'offline_allowed';

export interface Verdict {
  allowed: boolean;
  status: AllowedType;
  reason: DecisionReason;
  method: AuthorizationMethod;
}

/**
 * How a token is authorized (OCPI 2.2.1 "Tokens", WhitelistType). ALWAYS forbids asking the eMSP,
 * so the cache decides. NEVER and ALLOWED_OFFLINE require asking. ALLOWED leaves the choice to the
 * CPO and evroam asks: the eMSP's answer sees a block the moment it happens, knows NO_CREDIT, and
 * gives the authorization_reference that Sessions and CDRs carry.
 */
export function methodFor(whitelist: Token['whitelist']): 'whitelist' | 'realtime' {
  return whitelist === 'ALWAYS' ? 'whitelist' : 'realtime';
}

/** A decision from the cached token alone: its `valid` flag (kept apart from the whitelist) decides. */
export function fromCache(token: Token, method: 'whitelist' | 'offline_fallback'): Verdict {
  if (token.valid) return { allowed: true, status: 'ALLOWED', reason: method === 'whitelist' ? 'whitelisted' : 'offline_allowed', method };
  return { allowed: false, status: 'BLOCKED', reason: 'token_invalid', method };
}

/**
 * When the eMSP does not answer: only ALLOWED_OFFLINE promises acceptance then ("the CPO shall
 * allow this Token to be used"), still refused when the cache knows it is not valid. ALLOWED and
 * NEVER tokens are refused: without the eMSP nobody has vouched for this use.
 */
export function withoutAnswer(token: Token): Verdict {
  if (token.whitelist === 'ALLOWED_OFFLINE') return fromCache(token, 'offline_fallback');
  return { allowed: false, status: 'NOT_ALLOWED', reason: 'emsp_unreachable', method: 'offline_fallback' };
}

/**
 * The eMSP's AuthorizationInfo. When it lists the EVSEs the driver may use and the charger's EVSE
 * is not among them, the token is not allowed there ("Only the EVSEs/Connectors the EV driver is
 * allowed to charge at are returned").
 */
export function fromAnswer(info: AuthorizationInfo, requestedEvses: readonly string[]): Verdict {
  if (info.allowed !== 'ALLOWED') return { allowed: false, status: info.allowed, reason: 'emsp_answer', method: 'realtime' };
  const allowedEvses = info.location?.evse_uids;
  if (allowedEvses && requestedEvses.length > 0) {
    const upper = new Set(allowedEvses.map((uid) => uid.toUpperCase()));
    if (!requestedEvses.some((uid) => upper.has(uid.toUpperCase()))) return { allowed: false, status: 'NOT_ALLOWED', reason: 'evse_not_allowed', method: 'realtime' };
  }
  return { allowed: true, status: 'ALLOWED', reason: 'emsp_answer', method: 'realtime' };
}
