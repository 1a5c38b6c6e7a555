import type { Selectable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Session } from '../../ocpi/types/sessions.js';
import type { Database } from '../../store/database.js';
import { fetchPage } from '../../store/paged-query.js';
import type { EmspSessionTable } from '../../store/tables/session-tables.js';

export type ReceivedSessionRow = Selectable<EmspSessionTable>;

/** Storage of the sessions CPO partners sent our eMSP parties. */
export class ReceivedSessionRepository {
  constructor(private readonly db: Database) {}

  /** Reads a session and locks it until the transaction ends, so two updates of it never interleave. */
  async getForUpdate(local: PartyRef, owner: PartyRef, id: string): Promise<ReceivedSessionRow | null> {
    return (await this.byKey(local, owner, id).forUpdate().executeTakeFirst()) ?? null;
  }

  async get(local: PartyRef, owner: PartyRef, id: string): Promise<ReceivedSessionRow | null> {
    return (await this.byKey(local, owner, id).executeTakeFirst()) ?? null;
  }

  async insert(local: PartyRef, session: Session, peerId: string): Promise<void> {
    await this.db
      .insertInto('emsp_session')
      .values({
        local_country_code: local.countryCode.toUpperCase(),
        local_party_id: local.partyId.toUpperCase(),
        country_code: session.country_code.toUpperCase(),
        party_id: session.party_id.toUpperCase(),
        session_key: session.id.toUpperCase(),
        peer_id: peerId,
        ...sessionColumns(session),
        update_count: 1,
        updated_at: new Date(),
      })
      .execute();
  }

  async update(row: ReceivedSessionRow, session: Session, peerId: string): Promise<void> {
    await this.db
      .updateTable('emsp_session')
      .set((eb) => ({
        ...sessionColumns(session),
        peer_id: peerId,
        update_count: eb('update_count', '+', 1),
        updated_at: new Date(),
      }))
      .where('seq', '=', row.seq)
      .execute();
  }

  async list(local: PartyRef, page: PageRequest): Promise<PageResult<ReceivedSessionRow>> {
    const base = this.db
      .selectFrom('emsp_session')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase());
    return fetchPage(base, page, { lastUpdated: 'last_updated', seq: 'seq' });
  }

  private byKey(local: PartyRef, owner: PartyRef, id: string) {
    return this.db
      .selectFrom('emsp_session')
      .selectAll()
      .where('local_country_code', '=', local.countryCode.toUpperCase())
      .where('local_party_id', '=', local.partyId.toUpperCase())
      .where('country_code', '=', owner.countryCode.toUpperCase())
      .where('party_id', '=', owner.partyId.toUpperCase())
      .where('session_key', '=', id.toUpperCase());
  }
}

/** The columns that repeat the session's key facts, so they can be queried without reading its JSON. */
function sessionColumns(session: Session) {
  return {
    status: session.status,
    start_date_time: new Date(session.start_date_time),
    end_date_time: session.end_date_time ? new Date(session.end_date_time) : null,
    last_updated: new Date(session.last_updated),
    data: JSON.stringify(session),
  };
}
