import type { EvroamProcess, PartyOption } from './evroam-process.js';

/** Connects a platform to the hub as operators do: an invitation at the hub, a registration at the platform; returns the platform's peer id for the hub. */
export async function connectToHub(hub: EvroamProcess, platform: EvroamProcess, party: PartyOption, hubParty = 'DE-HUB'): Promise<string> {
  const invite = await hub.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: hubParty });
  const registered = await platform.api<{ id: string }>('POST', '/peers/registrations', { party: `${party.countryCode}-${party.partyId}`, versions_url: invite.body.versions_url, token: invite.body.token });
  if (registered.status !== 201) throw new Error(`registration with the hub failed: ${JSON.stringify(registered.body)}`);
  return registered.body.id;
}
