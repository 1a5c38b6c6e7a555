import { sql } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import { containsText } from '../../store/text-search.js';

/**
 * The operator's view of the tokens eMSP partners pushed to (or were pulled by) a CPO party: a
 * page in arrival order, narrowed by part of the uid, contract id or visual number. Blocked
 * tokens are listed too (`valid: false`), so an operator sees a block arrive.
 */
export async function searchPartnerTokens(db: Database, local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<Token>> {
  let query = db
    .selectFrom('partner_object')
    .select('data')
    .where('local_country_code', '=', local.countryCode.toUpperCase())
    .where('local_party_id', '=', local.partyId.toUpperCase())
    .where('module', '=', 'tokens');
  if (text !== undefined) query = query.where(containsText(text, [sql.ref('object_key'), sql`data->>'contract_id'`, sql`data->>'visual_number'`]));
  const result = await fetchPage(query, page, { lastUpdated: 'last_updated', seq: 'seq' });
  return { items: result.items.map((row) => row.data as Token), total: result.total };
}
