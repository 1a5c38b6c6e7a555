import { formatParty, sameParty, type PartyRef } from '../ocpi/headers.js';
import type { Database } from '../store/database.js';

export interface Agreement {
  emsp: PartyRef;
  cpo: PartyRef;
  createdAt: Date;
}

/**
 * The hub's roaming agreements: an allow-list of which eMSP party may exchange messages with which
 * CPO party. Every forwarded request, broadcast and merged list is checked against it. Read on
 * every request, so the list of each hub party is remembered for `cacheMs`; changes made in this
 * process take effect at once.
 */
export class AgreementBook {
  readonly #cache = new Map<string, { agreements: Agreement[]; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly cacheMs = 2000,
  ) {}

  /** Adds an agreement; false when it already existed. */
  async add(hub: PartyRef, emsp: PartyRef, cpo: PartyRef): Promise<boolean> {
    const result = await this.db
      .insertInto('hub_agreement')
      .values({ ...hubKey(hub), emsp_country_code: up(emsp.countryCode), emsp_party_id: up(emsp.partyId), cpo_country_code: up(cpo.countryCode), cpo_party_id: up(cpo.partyId) })
      .onConflict((oc) => oc.doNothing())
      .returning('created_at')
      .executeTakeFirst();
    this.#cache.delete(cacheKey(hub));
    return result !== undefined;
  }

  /** Removes an agreement; false when there was none. */
  async remove(hub: PartyRef, emsp: PartyRef, cpo: PartyRef): Promise<boolean> {
    const result = await this.db
      .deleteFrom('hub_agreement')
      .where('hub_country_code', '=', up(hub.countryCode))
      .where('hub_party_id', '=', up(hub.partyId))
      .where('emsp_country_code', '=', up(emsp.countryCode))
      .where('emsp_party_id', '=', up(emsp.partyId))
      .where('cpo_country_code', '=', up(cpo.countryCode))
      .where('cpo_party_id', '=', up(cpo.partyId))
      .executeTakeFirst();
    this.#cache.delete(cacheKey(hub));
    return Number(result.numDeletedRows) > 0;
  }

  async list(hub: PartyRef): Promise<Agreement[]> {
    const key = cacheKey(hub);
    const cached = this.#cache.get(key);
    if (cached && cached.until > Date.now()) return cached.agreements;
    const rows = await this.db
      .selectFrom('hub_agreement')
      .selectAll()
      .where('hub_country_code', '=', up(hub.countryCode))
      .where('hub_party_id', '=', up(hub.partyId))
      .orderBy('emsp_country_code')
      .orderBy('emsp_party_id')
      .orderBy('cpo_country_code')
      .orderBy('cpo_party_id')
      .execute();
    const agreements = rows.map((r) => ({ emsp: { countryCode: r.emsp_country_code, partyId: r.emsp_party_id }, cpo: { countryCode: r.cpo_country_code, partyId: r.cpo_party_id }, createdAt: r.created_at }));
    this.#cache.set(key, { agreements, until: Date.now() + this.cacheMs });
    return agreements;
  }

  /** Whether `a` and `b` may exchange messages: one is the eMSP and the other the CPO of an agreement. */
  async allows(hub: PartyRef, a: PartyRef, b: PartyRef): Promise<boolean> {
    return (await this.list(hub)).some((ag) => (sameParty(ag.emsp, a) && sameParty(ag.cpo, b)) || (sameParty(ag.emsp, b) && sameParty(ag.cpo, a)));
  }

  /** Every party `party` may exchange messages with. */
  async partnersOf(hub: PartyRef, party: PartyRef): Promise<PartyRef[]> {
    const partners: PartyRef[] = [];
    for (const ag of await this.list(hub)) {
      if (sameParty(ag.emsp, party)) partners.push(ag.cpo);
      else if (sameParty(ag.cpo, party)) partners.push(ag.emsp);
    }
    return partners;
  }
}

function hubKey(hub: PartyRef) {
  return { hub_country_code: up(hub.countryCode), hub_party_id: up(hub.partyId) };
}

function cacheKey(hub: PartyRef): string {
  return formatParty(hub).toUpperCase();
}

function up(value: string): string {
  return value.toUpperCase();
}
