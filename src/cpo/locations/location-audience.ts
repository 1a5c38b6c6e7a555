import { sql, type Expression, type SqlBool } from 'kysely';
import { sameParty, type PartyRef } from '../../ocpi/headers.js';
import type { Location } from '../../ocpi/types/locations.js';
import { endpointUrl } from '../../peers/peer.js';
import { PeerRepository } from '../../peers/peer-repository.js';
import type { Database } from '../../store/database.js';

/*
 * Who may see a CPO's Location (OCPI 2.2.1 "Locations": `publish`, `publish_allowed_to`).
 *
 * `publish: true` — every eMSP partner. `publish: false` — only an eMSP that issued a token one
 * entry of `publish_allowed_to` names: the entry's set fields (uid and type, visual_number and
 * issuer, group_id) must all match one token of that eMSP, as the CPO holds it from the eMSP's
 * Tokens pushes and pulls (partner objects of module `tokens`). An eMSP without such a token
 * never receives the Location, by push, list or get-by-id. Without `publish_allowed_to` an
 * unpublished Location is shown to no partner.
 */

/** A party of a registered eMSP partner, and the connection its messages travel on. */
export interface EmspParty {
  peerId: string;
  party: PartyRef;
}

/**
 * One `publish_allowed_to` entry (`e.entry`) against one token (`t`, a partner object). uid and
 * group_id are CiStrings, compared without case; visual_number and issuer are plain strings.
 */
const TOKEN_MATCHES_ENTRY = sql`
  coalesce(e.entry->>'uid', e.entry->>'visual_number', e.entry->>'group_id') is not null
  and (e.entry->>'uid' is null or t.object_key = upper(e.entry->>'uid'))
  and (e.entry->>'type' is null or t.object_type = e.entry->>'type')
  and (e.entry->>'visual_number' is null or t.data->>'visual_number' = e.entry->>'visual_number')
  and (e.entry->>'issuer' is null or t.data->>'issuer' = e.entry->>'issuer')
  and (e.entry->>'group_id' is null or upper(t.data->>'group_id') = upper(e.entry->>'group_id'))`;

/** The condition on `cpo_location` rows that `caller` may see: the list and get-by-id share it. */
export function visibleTo(caller: PartyRef): Expression<SqlBool> {
  return sql<SqlBool>`(cpo_location.publish or exists (
    select 1 from jsonb_array_elements(coalesce(cpo_location.data->'publish_allowed_to', '[]'::jsonb)) as e(entry)
      join partner_object t on t.module = 'tokens'
       and t.local_country_code = cpo_location.country_code and t.local_party_id = cpo_location.party_id
       and t.country_code = ${caller.countryCode.toUpperCase()} and t.party_id = ${caller.partyId.toUpperCase()}
     where ${TOKEN_MATCHES_ENTRY}))`;
}

/**
 * Every eMSP party on a registered connection of `local` that takes pushes: a partner without a
 * Locations Receiver endpoint only pulls (push is optional in OCPI), and messages it cannot take
 * would only fill the dead letters.
 */
export async function emspPartiesOf(db: Database, local: PartyRef): Promise<EmspParty[]> {
  const peers = (await new PeerRepository(db).registeredWithRole(local, 'EMSP')).filter((peer) => endpointUrl(peer, 'locations', 'RECEIVER') !== null);
  return peers.flatMap((peer) =>
    peer.roles.filter((r) => r.role === 'EMSP').map((r) => ({ peerId: peer.id, party: { countryCode: r.country_code, partyId: r.party_id } })),
  );
}

/** Those of `candidates` that may see `location` (the same rule as {@link visibleTo}). */
export async function audienceOf(db: Database, local: PartyRef, location: Location, candidates: readonly EmspParty[]): Promise<EmspParty[]> {
  if (location.publish) return [...candidates];
  const entries = location.publish_allowed_to ?? [];
  if (entries.length === 0 || candidates.length === 0) return [];
  const owners = await sql<{ country_code: string; party_id: string }>`
    select distinct t.country_code, t.party_id
      from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as e(entry)
      join partner_object t on t.module = 'tokens'
       and t.local_country_code = ${local.countryCode.toUpperCase()} and t.local_party_id = ${local.partyId.toUpperCase()}
     where ${TOKEN_MATCHES_ENTRY}`.execute(db);
  return candidates.filter((c) => owners.rows.some((o) => sameParty(c.party, { countryCode: o.country_code, partyId: o.party_id })));
}
