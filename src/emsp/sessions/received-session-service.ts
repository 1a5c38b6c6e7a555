import { canonicalJson } from '../../ocpi/canonical-json.js';
import { requireSameIds } from '../../ocpi/fastify/client-owned-object.js';
import { formatParty, sameParty, type PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { Session, SessionPatch } from '../../ocpi/types/sessions.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { PullSpec } from '../../partner-data/partner-sync.js';
import type { Database } from '../../store/database.js';
import { ReceivedSessionRepository, type ReceivedSessionRow } from './received-session-repository.js';
import { applySessionPatch } from './session-patch.js';

/** What a PUT or PATCH did: `stale` when it was older than what we hold, `unchanged` when a repeat. */
export type SessionReceipt = 'created' | 'updated' | 'unchanged' | 'stale';

/**
 * The sessions CPO partners report to our eMSP parties (OCPI 2.2.1 "Sessions", receiver). Every
 * write is idempotent: an update older than the stored `last_updated` is ignored, a repeated one
 * changes nothing, and only the sessions of our own drivers' tokens are taken.
 */
export class ReceivedSessionService {
  constructor(private readonly db: Database) {}

  /** PUT: the whole session, charging periods included, replaces ours. */
  async put(local: PartyRef, owner: PartyRef, body: unknown, peerId: string, urlId?: string): Promise<SessionReceipt> {
    const session = parseOcpi(Session, body);
    requireSameIds(session, { country_code: owner.countryCode, party_id: owner.partyId, ...(urlId === undefined ? {} : { id: urlId }) });
    assertOurToken(local, session);
    return this.db.transaction().execute(async (trx) => {
      const repository = new ReceivedSessionRepository(trx);
      const held = await repository.getForUpdate(local, owner, session.id);
      if (!held) {
        await repository.insert(local, session, peerId);
        return 'created';
      }
      return replace(repository, held, session, peerId);
    });
  }

  /** PATCH: the fields sent replace ours, charging periods are appended. */
  async patch(local: PartyRef, owner: PartyRef, id: string, body: unknown, peerId: string): Promise<SessionReceipt> {
    const patch = parseOcpi(SessionPatch, body);
    const ids = { country_code: owner.countryCode, party_id: owner.partyId, id };
    requireSameIds(patch, Object.fromEntries(Object.entries(ids).filter(([field]) => patch[field as keyof SessionPatch] !== undefined)));
    return this.db.transaction().execute(async (trx) => {
      const repository = new ReceivedSessionRepository(trx);
      const held = await repository.getForUpdate(local, owner, id);
      // 404, as for every object our receivers do not hold (docs/OCPI.md); OCPI has no "unknown
      // session" status, so 2000. The sender PUTs it whole ("Transport and format": a failed PATCH
      // is followed by a GET and a PUT).
      if (!held) throw OcpiError.notFound(`No session ${id} of ${formatParty(owner)} is held here; PUT it before PATCHing it`);
      const merged = applySessionPatch(held.data, patch);
      assertOurToken(local, merged);
      return replace(repository, held, merged, peerId);
    });
  }

  async get(local: PartyRef, owner: PartyRef, id: string): Promise<Session | null> {
    return (await new ReceivedSessionRepository(this.db).get(local, owner, id))?.data ?? null;
  }

  /** A session by id alone, whichever CPO sent it (the first received when two CPOs used one id). */
  async findById(local: PartyRef, id: string): Promise<Session | null> {
    return (await new ReceivedSessionRepository(this.db).withId(local, id))[0]?.data ?? null;
  }

  /** The newest sessions charged with one of our tokens, for its authorization history. */
  async forToken(local: PartyRef, type: string, uid: string, limit: number): Promise<Session[]> {
    return (await new ReceivedSessionRepository(this.db).forToken(local, type, uid, limit)).map((row) => row.data);
  }

  /** A page of the sessions received, narrowed to those whose id, token uid or location id contains `text`. */
  list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<ReceivedSessionRow>> {
    return new ReceivedSessionRepository(this.db).list(local, page, text);
  }

  /** COMPLETED sessions that ended in [from, to) and have no CDR yet: for reconciliation. */
  async completedWithoutCdr(window: { from: Date; to: Date }): Promise<ReceivedSessionFact[]> {
    return (await new ReceivedSessionRepository(this.db).completedWithoutCdr(window.from, window.to)).map(receivedFact);
  }

  /** Sessions that started in [from, to), a page at a time in creation order: for reconciliation. */
  async startedIn(window: { from: Date; to: Date }, afterSeq: string | null, limit: number): Promise<ReceivedSessionFact[]> {
    return (await new ReceivedSessionRepository(this.db).startedIn(window.from, window.to, afterSeq, limit)).map(receivedFact);
  }

  /** Sessions that ended in [from, to), counted: for the session success KPI. */
  async endedCounts(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; status: string; energy_flowed: boolean; count: number }>> {
    const rows = await new ReceivedSessionRepository(this.db).endedCounts(window.from, window.to);
    return rows.map((r) => ({ party: { countryCode: r.local_country_code, partyId: r.local_party_id }, counterpart: { countryCode: r.country_code, partyId: r.party_id }, status: r.status, energy_flowed: r.energy_flowed, count: Number(r.count) }));
  }

  /** Pulling a CPO's Sender list: each session is stored as a PUT of its owner, if this partner speaks for it. */
  pullSpec(): PullSpec {
    return {
      module: 'sessions',
      ownerRole: 'CPO',
      store: async (item, peer) => {
        const owner = partnerOwner(item, peer.roles);
        await this.put(peer.localParty, owner, item, peer.id);
      },
    };
  }
}

/** A received session with the party that holds it and the connection it came over. */
export interface ReceivedSessionFact {
  seq: string;
  local: PartyRef;
  peer_id: string;
  session: Session;
}

function receivedFact(row: ReceivedSessionRow): ReceivedSessionFact {
  return { seq: String(row.seq), local: { countryCode: row.local_country_code, partyId: row.local_party_id }, peer_id: row.peer_id, session: row.data };
}

/** Older than what we hold: ignored (OCPI 2.2.1 "Transport and format", last_updated). */
async function replace(repository: ReceivedSessionRepository, held: ReceivedSessionRow, next: Session, peerId: string): Promise<SessionReceipt> {
  if (new Date(next.last_updated) < new Date(held.data.last_updated)) return 'stale';
  if (canonicalJson(next) === canonicalJson(held.data)) return 'unchanged';
  await repository.update(held, next, peerId);
  return 'updated';
}

/** A CPO reports a session to the eMSP of its token only (OCPI 2.2.1 "Sessions"). */
function assertOurToken(local: PartyRef, session: Session): void {
  const issuer = { countryCode: session.cdr_token.country_code, partyId: session.cdr_token.party_id };
  if (!sameParty(issuer, local)) throw OcpiError.invalid(`Invalid field cdr_token.party_id: the token is ${formatParty(issuer)}'s, not ${formatParty(local)}'s`);
}

/** The owner an item of a pulled list names, which must be one of the partner's CPO parties. */
export function partnerOwner(item: unknown, roles: ReadonlyArray<{ role: string; country_code: string; party_id: string }>): PartyRef {
  const body = (item ?? {}) as { country_code?: unknown; party_id?: unknown };
  if (typeof body.country_code !== 'string' || typeof body.party_id !== 'string') throw OcpiError.invalid('Invalid field country_code/party_id: missing');
  const owner = { countryCode: body.country_code, partyId: body.party_id };
  if (!roles.some((r) => r.role === 'CPO' && sameParty({ countryCode: r.country_code, partyId: r.party_id }, owner))) {
    throw OcpiError.invalid(`Invalid field party_id: ${formatParty(owner)} is not a CPO party of this partner`);
  }
  return owner;
}
