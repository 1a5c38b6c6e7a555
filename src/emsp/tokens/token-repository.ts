import { sql, type Selectable } from 'kysely';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';
import type { EmspTokenTable } from '../../store/tables/token-tables.js';
import type { IssuedToken } from './issued-token.js';

export interface TokenSearch {
  type?: string;
  contract_id?: string;
  group_id?: string;
  valid?: boolean;
  /** Part of the uid, contract id or visual number, without case. */
  text?: string;
}

/** A token found for a real-time authorization, with the CPO's location when the request named one we hold. */
export interface AuthorizationLookup {
  issued: IssuedToken;
  location: Record<string, unknown> | null;
}

/** Storage of our eMSP parties' tokens, keyed by (party, uid, type) like OCPI keys them. */
export class TokenRepository {
  constructor(private readonly db: Database) {}

  async get(party: PartyRef, uid: string, type: string): Promise<IssuedToken | null> {
    const row = await this.db
      .selectFrom('emsp_token')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('uid', '=', uid)
      .where('type', '=', type)
      .executeTakeFirst();
    return row ? toIssued(row) : null;
  }

  /** RFID tokens of the party with any of these uids: a card and its byte-reversed reading. */
  async findRfid(party: PartyRef, uids: readonly string[]): Promise<IssuedToken[]> {
    const rows = await this.db
      .selectFrom('emsp_token')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('type', '=', 'RFID')
      .where('uid', 'in', [...uids])
      .execute();
    return rows.map(toIssued);
  }

  async save(issued: IssuedToken): Promise<void> {
    const { token } = issued;
    const row = {
      country_code: token.country_code.toUpperCase(),
      party_id: token.party_id.toUpperCase(),
      uid: token.uid,
      type: token.type,
      contract_id: token.contract_id,
      visual_number: token.visual_number ?? null,
      issuer: token.issuer,
      group_id: token.group_id ?? null,
      valid: token.valid,
      whitelist: token.whitelist,
      language: token.language ?? null,
      default_profile_type: token.default_profile_type ?? null,
      energy_contract: token.energy_contract ? JSON.stringify(token.energy_contract) : null,
      last_updated: new Date(token.last_updated),
      block_reason: issued.blockReason,
      block_note: issued.blockNote,
      charge_at: issued.chargeAt ? JSON.stringify(issued.chargeAt) : null,
    };
    const { country_code: _cc, party_id: _pid, uid: _uid, type: _type, ...changes } = row;
    await this.db
      .insertInto('emsp_token')
      .values(row)
      .onConflict((oc) => oc.columns(['country_code', 'party_id', 'uid', 'type']).doUpdateSet(changes))
      .execute();
  }

  /** A page of the party's tokens in creation order, narrowed by the operator's search. */
  async search(party: PartyRef, page: PageRequest, search: TokenSearch = {}): Promise<PageResult<IssuedToken>> {
    let query = this.db
      .selectFrom('emsp_token')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase());
    if (search.type !== undefined) query = query.where('type', '=', search.type);
    if (search.contract_id !== undefined) query = query.where((eb) => eb(eb.fn('upper', ['contract_id']), '=', search.contract_id!.toUpperCase()));
    if (search.group_id !== undefined) query = query.where((eb) => eb(eb.fn('upper', ['group_id']), '=', search.group_id!.toUpperCase()));
    if (search.valid !== undefined) query = query.where('valid', '=', search.valid);
    if (search.text !== undefined) query = query.where(containsText(search.text, [sql.ref('uid'), sql.ref('contract_id'), sql.ref('visual_number')]));
    const result = await fetchPage(query, page, { lastUpdated: 'last_updated', seq: 'seq' });
    return { items: result.items.map(toIssued), total: result.total };
  }

  /**
   * The hot path of real-time authorization: one statement, on the token's unique key, that also
   * brings the CPO's location when the request names one (partner-owned locations we hold).
   */
  async lookupForAuthorization(party: PartyRef, uid: string, type: string, location: { cpo: PartyRef; locationId: string } | null): Promise<AuthorizationLookup | null> {
    const localCc = party.countryCode.toUpperCase();
    const localPid = party.partyId.toUpperCase();
    const base = this.db
      .selectFrom('emsp_token as t')
      .selectAll('t')
      .where('t.country_code', '=', localCc)
      .where('t.party_id', '=', localPid)
      .where('t.uid', '=', uid)
      .where('t.type', '=', type);
    if (!location) {
      const row = await base.executeTakeFirst();
      return row ? { issued: toIssued(row), location: null } : null;
    }
    const row = await base
      .leftJoin('partner_object as l', (join) =>
        join
          .on('l.local_country_code', '=', localCc)
          .on('l.local_party_id', '=', localPid)
          .on('l.module', '=', 'locations')
          .on('l.country_code', '=', location.cpo.countryCode.toUpperCase())
          .on('l.party_id', '=', location.cpo.partyId.toUpperCase())
          .on('l.object_key', '=', location.locationId.toUpperCase())
          .on('l.object_type', '=', ''),
      )
      .select('l.data as location_data')
      .executeTakeFirst();
    if (!row) return null;
    const { location_data, ...token } = row;
    return { issued: toIssued(token), location: location_data ?? null };
  }
}

function toIssued(row: Selectable<EmspTokenTable>): IssuedToken {
  // Built in the spec's field order, so what partners and operators read looks like the spec.
  const token: Token = {
    country_code: row.country_code,
    party_id: row.party_id,
    uid: row.uid,
    type: row.type,
    contract_id: row.contract_id,
    ...(row.visual_number !== null && { visual_number: row.visual_number }),
    issuer: row.issuer,
    ...(row.group_id !== null && { group_id: row.group_id }),
    valid: row.valid,
    whitelist: row.whitelist as Token['whitelist'],
    ...(row.language !== null && { language: row.language }),
    ...(row.default_profile_type !== null && { default_profile_type: row.default_profile_type as NonNullable<Token['default_profile_type']> }),
    ...(row.energy_contract !== null && { energy_contract: row.energy_contract }),
    last_updated: formatOcpiDateTime(new Date(row.last_updated)),
  };
  return { token, blockReason: row.block_reason, blockNote: row.block_note, chargeAt: row.charge_at };
}
