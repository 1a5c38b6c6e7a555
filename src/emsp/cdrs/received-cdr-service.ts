import { canonicalJson } from '../../ocpi/canonical-json.js';
import { formatParty, sameParty, type PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { CDR } from '../../ocpi/types/cdrs.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { PullSpec } from '../../partner-data/partner-sync.js';
import type { Database } from '../../store/database.js';
import type { CdrProblem } from '../../store/tables/session-tables.js';
import { partnerOwner } from '../sessions/received-session-service.js';
import { MONEY_TOLERANCE, reviewCdrPricing } from './cdr-repricing.js';
import { findCdrProblems } from './cdr-validation.js';
import type { LocationTimeZones } from './location-time-zones.js';
import { ReceivedCdrRepository, type ReceivedCdrRow } from './received-cdr-repository.js';
import { RejectedCdrRepository, type RejectedCdrRow } from './rejected-cdr-repository.js';
import type { RetailPricer } from './retail-pricer.js';
import type { TokenDirectory } from './token-directory.js';

/** A CDR taken (first time, or a repeat of one held) under our `seq`, or refused with its problems. */
export type CdrReceipt = { outcome: 'accepted' | 'repeated'; seq: string } | { outcome: 'rejected'; problems: CdrProblem[] };

/** Who sent a CDR: the partner and the party it spoke for (the routing `from`). */
export interface CdrSender {
  peerId: string;
  party: PartyRef;
}

/** What the CDR receiver asks other modules, through ports. */
export interface ReceivedCdrPorts {
  tokens: TokenDirectory;
  timeZones: LocationTimeZones;
  retail: RetailPricer;
}

/**
 * The CDRs CPO partners send our eMSP parties (OCPI 2.2.1 "CDRs", receiver). A malformed body is
 * refused and leaves nothing; a well-formed but implausible CDR is refused and kept in
 * `rejected_cdr` for the operator; the same CDR sent twice is acknowledged and stored once. An
 * accepted CDR is stored with its re-pricing check and its retail price, in one transaction.
 */
export class ReceivedCdrService {
  constructor(
    private readonly db: Database,
    private readonly ports: ReceivedCdrPorts,
  ) {}

  async receive(local: PartyRef, sender: CdrSender, body: unknown): Promise<CdrReceipt> {
    const cdr = parseOcpi(CDR, body);
    const owner = { countryCode: cdr.country_code, partyId: cdr.party_id };
    if (!sameParty(owner, sender.party)) throw OcpiError.invalid(`Invalid field party_id: the CDR is ${formatParty(owner)}'s, but ${formatParty(sender.party)} sent it`);
    // Read before the transaction, which on PGlite holds the only connection.
    const token = await this.ports.tokens.find(cdr.cdr_token.country_code, cdr.cdr_token.party_id, cdr.cdr_token.uid, cdr.cdr_token.type);
    const review = reviewCdrPricing(cdr, await this.ports.timeZones.timeZoneOf(local, owner, cdr.cdr_location.id));

    return this.db.transaction().execute(async (trx) => {
      const accepted = new ReceivedCdrRepository(trx);
      for (;;) {
        const held = await accepted.get(local, owner, cdr.id);
        let problems: CdrProblem[];
        let creditsSeq: string | null = null;
        if (held) {
          if (canonicalJson(held.data) === canonicalJson(cdr)) return { outcome: 'repeated', seq: String(held.seq) };
          problems = [{ field: 'id', reason: `CDR ${cdr.id} was received before with other content; a CDR never changes, corrections come as credit CDRs` }];
        } else {
          problems = [...findCdrProblems(cdr, local), ...review.unreadable];
          if (!token) problems.push({ field: 'cdr_token.uid', reason: `${cdr.cdr_token.type} token ${cdr.cdr_token.uid} is not one of ours` });
          if (cdr.credit && cdr.credit_reference_id !== undefined) {
            const link = await creditLink(accepted, local, owner, cdr);
            problems.push(...link.problems);
            creditsSeq = link.seq;
          }
        }
        if (problems.length > 0) {
          await new RejectedCdrRepository(trx).record(local, cdr, sender.peerId, problems);
          return { outcome: 'rejected', problems };
        }
        const seq = await accepted.insert(local, cdr, sender.peerId, creditsSeq, review.repricing);
        // Null: the same id was stored by a concurrent request since we looked; judge against it.
        if (seq === null) continue;
        await this.ports.retail.record(trx, { local, seq: String(seq), cdr, creditsSeq, tokenGroup: token?.group ?? null });
        return { outcome: 'accepted', seq: String(seq) };
      }
    });
  }

  /** A CDR we hold, for the partner that owns it only (the `Location` we gave it). */
  async getForPartner(local: PartyRef, partnerParties: readonly PartyRef[], seq: string): Promise<CDR | null> {
    const row = await new ReceivedCdrRepository(this.db).getBySeq(local, seq);
    if (!row || !partnerParties.some((p) => sameParty(p, { countryCode: row.country_code, partyId: row.party_id }))) return null;
    return row.data;
  }

  list(local: PartyRef, page: PageRequest, text?: string): Promise<PageResult<ReceivedCdrRow>> {
    return new ReceivedCdrRepository(this.db).list(local, page, text);
  }

  /** Accepted CDRs whose stated costs differ from their re-priced tariff by more than a cent. */
  listFlagged(local: PartyRef, page: PageRequest): Promise<PageResult<ReceivedCdrRow>> {
    return new ReceivedCdrRepository(this.db).listFlagged(local, page);
  }

  listRejected(local: PartyRef, page: PageRequest): Promise<PageResult<RejectedCdrRow>> {
    return new RejectedCdrRepository(this.db).list(local, page);
  }

  /** Pulling a CPO's Sender list (the resync after downtime): each CDR goes through the same checks as a POST. */
  pullSpec(): PullSpec {
    return {
      module: 'cdrs',
      ownerRole: 'CPO',
      store: async (item, peer) => {
        const receipt = await this.receive(peer.localParty, { peerId: peer.id, party: partnerOwner(item, peer.roles) }, item);
        if (receipt.outcome === 'rejected') throw rejection(receipt.problems);
      },
    };
  }
}

/** The 2001 answer to a rejected CDR, naming the first problem and listing all. */
export function rejection(problems: readonly CdrProblem[]): OcpiError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return OcpiError.invalid(`Invalid field ${first.field}: ${first.reason}${more}`, { errors: problems.map((p) => ({ field: p.field, message: p.reason })) });
}

/**
 * A credit CDR cancels a CDR we accepted from the same CPO, and all credits of it together never
 * exceed what it cost (OCPI 2.2.1 "CDRs", credit CDRs).
 */
async function creditLink(accepted: ReceivedCdrRepository, local: PartyRef, owner: PartyRef, credit: CDR): Promise<{ seq: string | null; problems: CdrProblem[] }> {
  const original = await accepted.get(local, owner, credit.credit_reference_id!);
  if (!original || original.credit) return { seq: null, problems: [{ field: 'credit_reference_id', reason: `${credit.credit_reference_id} is not a CDR of ${formatParty(owner)} held here` }] };
  const seq = String(original.seq);
  const creditedBefore = (await accepted.creditsOf(local, seq)).reduce((sum, c) => sum - c.total_cost.excl_vat, 0);
  const left = original.data.total_cost.excl_vat - creditedBefore;
  if (-credit.total_cost.excl_vat > left + MONEY_TOLERANCE) {
    return { seq, problems: [{ field: 'total_cost.excl_vat', reason: `credits ${-credit.total_cost.excl_vat}, but only ${left} of CDR ${original.data.id} is left to credit` }] };
  }
  return { seq, problems: [] };
}
