import type { RetailChannel, RetailPlan, RetailScope } from '../../store/tables/retail-tables.js';

/** Who and what a CDR is about, in the keys plans are stored under. */
export interface Audience {
  /** `RFID/04A2…`: the token's type and uid (retail-plan-input.ts `tokenKey`). */
  token: string;
  /** The token's group_id in upper case, when it has one. */
  group: string | null;
  /** The CPO party of the CDR, `NL-CPO`. */
  partner: string;
  channel: RetailChannel;
  currency: string;
}

/** A stored plan with the keys it was stored under. */
export interface CandidatePlan {
  scope: RetailScope;
  scopeKey: string;
  /** '' for both channels. */
  channel: string;
  /** '' for any currency. */
  currency: string;
  plan: RetailPlan;
}

const SCOPE_ORDER: readonly RetailScope[] = ['TOKEN', 'GROUP', 'PARTNER', 'DEFAULT'];

/** The (scope, key) pairs whose plans can apply to the audience. */
export function audienceKeys(audience: Audience): Array<{ scope: RetailScope; key: string }> {
  return [
    { scope: 'TOKEN', key: audience.token },
    ...(audience.group === null ? [] : [{ scope: 'GROUP' as const, key: audience.group }]),
    { scope: 'PARTNER', key: audience.partner },
    { scope: 'DEFAULT', key: '' },
  ];
}

/**
 * The plan that prices a CDR: the most specific audience wins (token > group > partner >
 * default); within one audience a plan for the CDR's channel beats one for both, and one for the
 * CDR's currency beats one for any. Null when none applies: the CPO's cost is passed through.
 */
export function selectPlan(candidates: readonly CandidatePlan[], audience: Audience): RetailPlan | null {
  const keys = audienceKeys(audience);
  const rank = (c: CandidatePlan) => [SCOPE_ORDER.indexOf(c.scope), c.channel === '' ? 1 : 0, c.currency === '' ? 1 : 0];
  const applicable = candidates.filter(
    (c) => keys.some((k) => k.scope === c.scope && k.key === c.scopeKey) && (c.channel === '' || c.channel === audience.channel) && (c.currency === '' || c.currency === audience.currency),
  );
  applicable.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]!;
  });
  return applicable[0]?.plan ?? null;
}
