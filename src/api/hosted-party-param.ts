import { parsePartyIdentity } from '../ids/party-id.js';
import type { PlatformRole } from '../ocpi/versions.js';
import type { HostedParties, HostedParty } from '../peers/hosted-parties.js';
import { ApiError } from './api-error.js';

/**
 * The `:party` of an admin route (`NL-CPO`), which must be a hosted party holding `role`:
 * a CPO's tariffs live under a CPO party, an eMSP's tokens under an eMSP party.
 */
export function hostedPartyParam(hosted: HostedParties, raw: string, role: PlatformRole): HostedParty {
  const party = hosted.find(parsePartyIdentity(raw));
  if (!party) throw new ApiError(404, `Party ${raw} is not hosted here`, 'party');
  if (!party.roles.includes(role)) throw new ApiError(400, `Invalid field party: ${raw} does not hold the ${role} role`, 'party');
  return party;
}
