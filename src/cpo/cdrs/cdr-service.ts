import type { OcpiResponse } from '../../ocpi/ocpi-client.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import { objectName } from '../../outbox/ordering-key.js';
import { enqueue } from '../../outbox/outbox.js';
import type { OutboxRow } from '../../outbox/outbox-repository.js';
import type { Database } from '../../store/database.js';
import { tokenOwnerPeer } from '../sessions/token-owner-peer.js';
import { CdrRepository, type CdrDeliveryRow, type CpoCdrRow } from './cdr-repository.js';
import { creditCdr } from './credit-cdr.js';

/** The outbox kind of a CDR POST; its delivery hook keeps the eMSP's `Location` answer. */
export const CDR_POST = 'cdr.post';

/** What operators see of an issued CDR: the CDR and where the eMSP keeps it. */
export interface IssuedCdr {
  cdr: CDR;
  location_url: string | null;
}

/**
 * The CDRs our CPO parties issue: stored once, never changed (OCPI 2.2.1 "CDRs": immutable;
 * corrections are credit CDRs), and POSTed to the token's eMSP in the transaction that creates them.
 */
export class CdrService {
  constructor(
    private readonly db: Database,
    private readonly wakeOutbox: () => void,
  ) {}

  /** Stores a new CDR and queues its POST, in the caller's transaction; the caller wakes the outbox after commit. */
  async issue(trx: Database, cdr: CDR): Promise<void> {
    await new CdrRepository(trx).insert(cdr);
    const local = { countryCode: cdr.country_code, partyId: cdr.party_id };
    const target = await tokenOwnerPeer(trx, local, { countryCode: cdr.cdr_token.country_code, partyId: cdr.cdr_token.party_id }, 'cdrs');
    if (!target) return;
    // After its session's last PATCH, so the eMSP sees the session end before its CDR (docs/OCPI.md).
    const follows = cdr.session_id ? objectName('sessions', local, cdr.session_id) : undefined;
    await enqueue(trx, [{ peerId: target.peerId, kind: CDR_POST, module: 'cdrs', interfaceRole: 'RECEIVER', method: 'POST', path: [], body: cdr, from: local, to: target.to, reference: cdr.id, follows }]);
  }

  /** Issues the credit CDR that cancels CDR `id`; a CDR is credited once. */
  async credit(party: PartyRef, id: string, remark?: string): Promise<CDR> {
    let credit: CDR;
    try {
      credit = await this.db.transaction().execute(async (trx) => {
        const repository = new CdrRepository(trx);
        const original = await repository.get(party, id);
        if (!original) throw OcpiError.notFound(`No CDR ${id}`);
        if (await repository.creditOf(party, id)) throw alreadyCredited(id);
        const created = creditCdr(original.data, new Date(), remark);
        await this.issue(trx, created);
        return created;
      });
    } catch (error) {
      // Two operators crediting at once: the unique index lets one through.
      if ((error as { code?: string }).code === '23505') throw alreadyCredited(id);
      throw error;
    }
    this.wakeOutbox();
    return credit;
  }

  async get(party: PartyRef, id: string): Promise<IssuedCdr | null> {
    const row = await new CdrRepository(this.db).get(party, id);
    return row ? issued(row) : null;
  }

  async list(party: PartyRef, page: PageRequest, text?: string): Promise<PageResult<IssuedCdr>> {
    const result = await new CdrRepository(this.db).list(party, page, text);
    return { items: result.items.map(issued), total: result.total };
  }

  /** The CDRs of `local` that the calling partner's eMSP parties may read. */
  listForEmsps(local: PartyRef, emsps: readonly PartyRef[], page: PageRequest): Promise<PageResult<CDR>> {
    return new CdrRepository(this.db).listForEmsps(local, emsps, page);
  }

  /** CDRs issued in [from, to) that the eMSP has not accepted, with where their POST stands: for reconciliation. */
  async notAccepted(window: { from: Date; to: Date }): Promise<UnacceptedCdr[]> {
    return (await new CdrRepository(this.db).undelivered(window.from, window.to, CDR_POST)).map(unaccepted);
  }

  /** CDRs issued in [from, to) with their session's end and their delivery state: for the CDR KPIs. */
  async timings(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; end_date_time: string; recorded_at: Date; delivery: string | null }>> {
    const rows = await new CdrRepository(this.db).timings(window.from, window.to, CDR_POST);
    return rows.map((r) => ({
      party: { countryCode: r.country_code, partyId: r.party_id },
      counterpart: { countryCode: r.emsp_country_code, partyId: r.emsp_party_id },
      end_date_time: r.end_date_time,
      recorded_at: new Date(r.created_at),
      delivery: r.status,
    }));
  }

  /** The CDRs `local` issued for `emsp`'s tokens in `window.recorded` whose session ended in `window.ended`, with when: for settlement statements. */
  async issuedTo(local: PartyRef, emsp: PartyRef, window: { recorded: { from: Date; to: Date }; ended: { from: Date; to: Date } }): Promise<Array<{ cdr: CDR; recorded_at: Date }>> {
    const rows = await new CdrRepository(this.db).issuedTo(local, emsp, window.recorded, window.ended);
    return rows.map((r) => ({ cdr: r.data, recorded_at: new Date(r.created_at) }));
  }

  /** CDR `id` of `local`, if it was issued for `emsp`'s token. */
  async issuedFor(local: PartyRef, emsp: PartyRef, id: string): Promise<CDR | null> {
    const row = await new CdrRepository(this.db).get(local, id);
    return row && row.emsp_country_code === emsp.countryCode.toUpperCase() && row.emsp_party_id === emsp.partyId.toUpperCase() ? row.data : null;
  }

  /** The CDRs, credits aside, of these sessions of `party`. */
  forSessions(party: PartyRef, sessionIds: readonly string[]): Promise<CDR[]> {
    return new CdrRepository(this.db).forSessions(party, sessionIds);
  }

  /** Delivery hook of {@link CDR_POST}: keeps the `Location` the eMSP answered (OCPI 2.2.1 "CDRs", POST). */
  async recordLocation(message: OutboxRow, response: OcpiResponse<unknown>): Promise<void> {
    const location = response.headers.get('location');
    if (!location || !message.reference) return;
    await new CdrRepository(this.db).setLocation({ countryCode: message.from_country_code, partyId: message.from_party_id }, message.reference, location);
  }
}

function issued(row: CpoCdrRow): IssuedCdr {
  return { cdr: row.data, location_url: row.location_url };
}

/** Where an issued CDR's POST stands; NOT_QUEUED when no POST was ever written (no connection to its eMSP). */
export interface UnacceptedCdr {
  cdr: CDR;
  issued_at: Date;
  delivery: { state: 'PENDING' | 'IN_FLIGHT' | 'DEAD' | 'NOT_QUEUED'; attempts: number; last_error: string | null; last_http_status: number | null; queued_at: Date | null };
}

function unaccepted(row: CdrDeliveryRow): UnacceptedCdr {
  return {
    cdr: row.data,
    issued_at: new Date(row.created_at),
    delivery: {
      state: row.status ?? 'NOT_QUEUED',
      attempts: row.attempts ?? 0,
      last_error: row.last_error,
      last_http_status: row.last_http_status,
      queued_at: row.queued_at === null ? null : new Date(row.queued_at),
    },
  };
}

function alreadyCredited(id: string): OcpiError {
  return new OcpiError(OcpiStatus.ClientError, `CDR ${id} has already been credited`, 409);
}
