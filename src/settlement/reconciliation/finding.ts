import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { FindingRole } from '../../store/tables/settlement-tables.js';

/** What reconciliation looks for at a CPO party (docs/SETTLEMENT.md, "Findings"). */
export const CPO_FINDING_TYPES = ['session_without_cdr', 'cdr_not_accepted', 'cdr_undelivered', 'energy_mismatch', 'session_closed_by_timeout'] as const;
/** What reconciliation looks for at an eMSP party. */
export const EMSP_FINDING_TYPES = ['session_without_cdr', 'cdr_without_session', 'duplicate_cdr', 'price_mismatch', 'token_not_valid', 'implausible_values', 'cdr_refused'] as const;

/** A CDR that arrived after its settlement period closed: checked only where statements are kept. */
export type LateCdr = 'late_cdr';

export type FindingType = (typeof CPO_FINDING_TYPES)[number] | (typeof EMSP_FINDING_TYPES)[number] | LateCdr;

/** A finding as a run detects it, before it is stored. */
export interface DetectedFinding {
  type: FindingType;
  role: FindingRole;
  party: PartyRef;
  counterpart: PartyRef;
  session_id: string | null;
  cdr_id: string | null;
  /** Decimal text, in `currency`. */
  amount_at_risk: string;
  currency: string;
  occurred_at: Date;
  evidence: Record<string, unknown>;
}

/** A type checked in a run, per role: only those may be closed by the run's silence. */
export type CheckedType = `${FindingRole}/${FindingType}`;

/**
 * The stable identity of a finding: role, type, both parties and the object it is about (the CDR
 * when there is one, else the session), upper case as OCPI compares ids. The same problem seen
 * by any number of runs is one row.
 */
export function findingKey(finding: Pick<DetectedFinding, 'role' | 'type' | 'party' | 'counterpart' | 'session_id' | 'cdr_id'>): string {
  const subject = finding.cdr_id !== null ? `CDR:${finding.cdr_id}` : `SESSION:${finding.session_id ?? ''}`;
  return [finding.role, finding.type, formatParty(finding.party), formatParty(finding.counterpart), subject].join('/').toUpperCase();
}

/** `NL-CPO` from the `country_code` and `party_id` fields an OCPI object carries. */
export function partyOf(object: { country_code: string; party_id: string }): PartyRef {
  return { countryCode: object.country_code.toUpperCase(), partyId: object.party_id.toUpperCase() };
}
