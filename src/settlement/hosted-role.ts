import { ApiError } from '../api/api-error.js';
import { parsePartyIdentity } from '../ids/party-id.js';
import type { HostedParties, HostedParty } from '../peers/hosted-parties.js';
import type { FindingRole } from '../store/tables/settlement-tables.js';

/**
 * One of our parties and the role it settles in: the `role` given, or the only one of CPO and
 * EMSP the party holds. A party holding both must say which.
 */
export function hostedRole(hosted: HostedParties, rawParty: unknown, rawRole: unknown): { party: HostedParty; role: FindingRole } {
  if (typeof rawParty !== 'string' || rawParty === '') throw new ApiError(400, 'Invalid field party: one of our parties as CC-PID', 'party');
  let identity;
  try {
    identity = parsePartyIdentity(rawParty);
  } catch {
    throw new ApiError(400, `Invalid field party: expected CC-PID, got "${rawParty}"`, 'party');
  }
  const party = hosted.find(identity);
  if (!party) throw new ApiError(404, `Party ${rawParty} is not hosted here`, 'party');
  const roles = party.roles.filter((r): r is FindingRole => r === 'CPO' || r === 'EMSP');
  if (rawRole !== undefined) {
    if (rawRole !== 'CPO' && rawRole !== 'EMSP') throw new ApiError(400, 'Invalid field role: CPO or EMSP', 'role');
    if (!roles.includes(rawRole)) throw new ApiError(400, `Invalid field role: ${rawParty} does not hold the ${rawRole} role`, 'role');
    return { party, role: rawRole };
  }
  if (roles.length !== 1) throw new ApiError(400, `Invalid field role: ${rawParty} ${roles.length === 0 ? 'holds neither the CPO nor the EMSP role' : 'is CPO and EMSP; say which'}`, 'role');
  return { party, role: roles[0]! };
}
