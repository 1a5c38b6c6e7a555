import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import { storedUid } from './issued-token.js';

/** A token an eMSP party issued, as it stands now. `uid` is as the caller asked for it. */
export interface TokenStateFact {
  uid: string;
  type: string;
  valid: boolean;
  block_reason: string | null;
  last_updated: Date;
}

/** Read-only questions about our eMSP parties' tokens and their authorizations, for reconciliation and KPIs. */
export class IssuedTokenFacts {
  constructor(private readonly db: Database) {}

  /** Those of these tokens that `party` issued; uids are matched as the token store keeps them. */
  async tokenStates(party: PartyRef, tokens: ReadonlyArray<{ uid: string; type: string }>): Promise<TokenStateFact[]> {
    const asked = new Map<string, { uid: string; type: string }>();
    for (const token of tokens) {
      const uid = storedUid(token.type, token.uid);
      if (uid !== null) asked.set(`${token.type}/${uid}`, token);
    }
    if (asked.size === 0) return [];
    const rows = await this.db
      .selectFrom('emsp_token')
      .select(['uid', 'type', 'valid', 'block_reason', 'last_updated'])
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('uid', 'in', [...asked.keys()].map((key) => key.slice(key.indexOf('/') + 1)))
      .execute();
    return rows.flatMap((row) => {
      const original = asked.get(`${row.type}/${row.uid}`);
      return original ? [{ uid: original.uid, type: row.type, valid: row.valid, block_reason: row.block_reason, last_updated: new Date(row.last_updated) }] : [];
    });
  }

  /** Real-time authorizations answered in [from, to), counted per party, CPO and answer (`allowed`, or UNKNOWN_TOKEN). */
  async authorizationCounts(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; allowed: string; count: number }>> {
    const rows = await this.db
      .selectFrom('emsp_authorization')
      .select(['country_code', 'party_id', 'cpo_country_code', 'cpo_party_id', 'allowed', (eb) => eb.fn.countAll<string>().as('count')])
      .where('decided_at', '>=', window.from)
      .where('decided_at', '<', window.to)
      .groupBy(['country_code', 'party_id', 'cpo_country_code', 'cpo_party_id', 'allowed'])
      .execute();
    return rows.map((r) => ({ party: { countryCode: r.country_code, partyId: r.party_id }, counterpart: { countryCode: r.cpo_country_code, partyId: r.cpo_party_id }, allowed: r.allowed, count: Number(r.count) }));
  }
}
