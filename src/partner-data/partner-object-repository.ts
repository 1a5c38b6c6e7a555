import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { PartyRef } from '../ocpi/headers.js';
import type { PageRequest, PageResult } from '../ocpi/pagination.js';
import type { Database } from '../store/database.js';
import { fetchPage } from '../store/paged-query.js';
import type { PartnerObjectTable, Tables } from '../store/tables.js';

export type PartnerObjectRow = Selectable<PartnerObjectTable>;

/** Identifies one partner-owned object as our party holds it. */
export interface PartnerObjectKey {
  local: PartyRef;
  module: string;
  owner: PartyRef;
  id: string;
  /** Token type for tokens; omitted for other modules. */
  type?: string;
}

export type StoreOutcome = 'created' | 'updated' | 'stale';

/**
 * Storage of objects partners own (OCPI "client-owned objects"). A write carrying an older
 * `last_updated` than the stored one changes nothing: pushes may arrive out of order, and a pull
 * may overlap a push (OCPI 2.2.1 "Transport and format", last_updated).
 */
export class PartnerObjectRepository {
  constructor(private readonly db: Database) {}

  async get(key: PartnerObjectKey): Promise<PartnerObjectRow | null> {
    const row = await this.db.selectFrom('partner_object').selectAll().where((eb) => keyFilter(eb, key)).executeTakeFirst();
    return row ?? null;
  }

  async put(key: PartnerObjectKey, data: Record<string, unknown>, lastUpdated: Date, peerId: string, db: Database = this.db): Promise<StoreOutcome> {
    const now = new Date();
    const values = {
      local_country_code: key.local.countryCode.toUpperCase(),
      local_party_id: key.local.partyId.toUpperCase(),
      module: key.module,
      country_code: key.owner.countryCode.toUpperCase(),
      party_id: key.owner.partyId.toUpperCase(),
      object_key: key.id.toUpperCase(),
      object_type: key.type ?? '',
      data: JSON.stringify(data),
      last_updated: lastUpdated,
      peer_id: peerId,
      seen_at: now,
    };
    // One statement decides create, update or stale, so concurrent writers cannot interleave.
    const result = await sql<{ inserted: boolean; last_updated: Date }>`
      insert into partner_object (local_country_code, local_party_id, module, country_code, party_id, object_key, object_type, data, last_updated, peer_id, seen_at)
      values (${values.local_country_code}, ${values.local_party_id}, ${values.module}, ${values.country_code}, ${values.party_id}, ${values.object_key}, ${values.object_type}, ${values.data}::jsonb, ${values.last_updated}, ${values.peer_id}, ${values.seen_at})
      on conflict (local_country_code, local_party_id, module, country_code, party_id, object_key, object_type) do update
        set data = case when excluded.last_updated >= partner_object.last_updated then excluded.data else partner_object.data end,
            last_updated = greatest(excluded.last_updated, partner_object.last_updated),
            peer_id = excluded.peer_id,
            seen_at = excluded.seen_at
      returning (xmax = 0) as inserted, last_updated`.execute(db);
    const row = result.rows[0]!;
    if (row.inserted) return 'created';
    return new Date(row.last_updated).getTime() === lastUpdated.getTime() ? 'updated' : 'stale';
  }

  async delete(key: PartnerObjectKey): Promise<boolean> {
    const result = await this.db.deleteFrom('partner_object').where((eb) => keyFilter(eb, key)).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A page of what our party holds of a module, in arrival order; of one owner, or of several. */
  async list(local: PartyRef, module: string, page: PageRequest, owner?: PartyRef | readonly PartyRef[]): Promise<PageResult<PartnerObjectRow>> {
    let query = this.db
      .selectFrom('partner_object')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('module', '=', module);
    if (owner) {
      const owners = Array.isArray(owner) ? (owner as readonly PartyRef[]) : [owner as PartyRef];
      if (owners.length === 0) return { items: [], total: 0 };
      query = query.where((eb) => eb.or(owners.map((o) => eb.and([eb('country_code', '=', o.countryCode.toUpperCase()), eb('party_id', '=', o.partyId.toUpperCase())]))));
    }
    return fetchPage(query, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }

  /**
   * A page of what several of our parties hold of a module (of `owners`), each object once: the
   * copy with the newest `last_updated` (the first stored on a tie). Objects keep the place of
   * their first copy, so a newer copy arriving during a crawl never moves an object to another page.
   */
  async listNewest(holders: readonly PartyRef[], module: string, page: PageRequest, owners: readonly PartyRef[]): Promise<PageResult<PartnerObjectRow>> {
    if (holders.length === 0 || owners.length === 0) return { items: [], total: 0 };
    const held = (eb: ExpressionBuilder<Tables & { p: PartnerObjectTable; q: PartnerObjectTable }, 'p' | 'q'>, table: 'p' | 'q') =>
      eb.or(holders.map((h) => eb.and([eb(`${table}.local_country_code`, '=', h.countryCode.toUpperCase()), eb(`${table}.local_party_id`, '=', h.partyId.toUpperCase())])));
    const query = this.db
      .selectFrom('partner_object as p')
      .selectAll('p')
      .select((eb) =>
        eb
          .selectFrom('partner_object as q')
          .select((qb) => qb.fn.min('q.seq').as('first'))
          .whereRef('q.module', '=', 'p.module')
          .whereRef('q.country_code', '=', 'p.country_code')
          .whereRef('q.party_id', '=', 'p.party_id')
          .whereRef('q.object_key', '=', 'p.object_key')
          .whereRef('q.object_type', '=', 'p.object_type')
          .where((qb) => held(qb, 'q'))
          .as('first_seq'),
      )
      .where('p.module', '=', module)
      .where((eb) => held(eb, 'p'))
      .where((eb) => eb.or(owners.map((o) => eb.and([eb('p.country_code', '=', o.countryCode.toUpperCase()), eb('p.party_id', '=', o.partyId.toUpperCase())]))))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('partner_object as q')
              .select('q.seq')
              .whereRef('q.module', '=', 'p.module')
              .whereRef('q.country_code', '=', 'p.country_code')
              .whereRef('q.party_id', '=', 'p.party_id')
              .whereRef('q.object_key', '=', 'p.object_key')
              .whereRef('q.object_type', '=', 'p.object_type')
              .where((qb) => held(qb, 'q'))
              .where((qb) => qb.or([qb('q.last_updated', '>', qb.ref('p.last_updated')), qb.and([qb('q.last_updated', '=', qb.ref('p.last_updated')), qb('q.seq', '<', qb.ref('p.seq'))])])),
          ),
        ),
      );
    return fetchPage(query, page, { lastUpdated: 'p.last_updated', seq: 'first_seq' });
  }

  /**
   * After a full pull: the partner's list is the new truth, so what it did not carry since
   * `pullStartedAt` is dropped (OCPI 2.2.1 "Transport and format", Pagination).
   */
  async dropUnseen(local: PartyRef, module: string, owners: readonly PartyRef[], pullStartedAt: Date): Promise<number> {
    if (owners.length === 0) return 0;
    const result = await this.db
      .deleteFrom('partner_object')
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('module', '=', module)
      .where('seen_at', '<', pullStartedAt)
      .where((eb) => eb.or(owners.map((o) => eb.and([eb('country_code', '=', o.countryCode.toUpperCase()), eb('party_id', '=', o.partyId.toUpperCase())]))))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function keyFilter(eb: ExpressionBuilder<Tables, 'partner_object'>, key: PartnerObjectKey) {
  return eb.and([
    eb('local_country_code', '=', key.local.countryCode.toUpperCase()),
    eb('local_party_id', '=', key.local.partyId.toUpperCase()),
    eb('module', '=', key.module),
    eb('country_code', '=', key.owner.countryCode.toUpperCase()),
    eb('party_id', '=', key.owner.partyId.toUpperCase()),
    eb('object_key', '=', key.id.toUpperCase()),
    eb('object_type', '=', key.type ?? ''),
  ]);
}
