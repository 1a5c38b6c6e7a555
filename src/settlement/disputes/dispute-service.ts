import { ApiError } from '../../api/api-error.js';
import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { DisputeStatus, FindingRole } from '../../store/tables/settlement-tables.js';
import { moneyNumber, moneyText } from '../money.js';
import { FindingRepository } from '../reconciliation/finding-repository.js';
import type { CreditIssuer, PartnerCdrFacts } from '../settlement-ports.js';
import { DisputeRepository, type DisputeFilter, type DisputeRow } from './dispute-repository.js';

const DAY_MS = 86_400_000;

export interface OpenDispute {
  party: PartyRef;
  role: FindingRole;
  /** Required with `cdr_id`; taken from the finding otherwise. */
  counterpart?: PartyRef;
  cdr_id?: string;
  finding_id?: string;
  reason: string;
  /** Default: the CDR's total_cost excl. VAT, or the finding's amount at risk. */
  amount_claimed?: number;
  note?: string;
}

export interface DisputeView {
  id: string;
  party: string;
  counterpart: string;
  role: FindingRole;
  cdr_id: string | null;
  session_id: string | null;
  finding_id: string | null;
  reason: string;
  amount_claimed: number;
  currency: string;
  status: DisputeStatus;
  credit_cdr_id: string | null;
  opened_at: string;
  closed_at: string | null;
  /** Days open: until it closed, or until now. */
  age_days: number;
  events?: Array<{ action: string; from_status: string | null; to_status: string; note: string | null; at: string }>;
}

/**
 * Disputes about CDRs or findings (docs/SETTLEMENT.md, "Disputes"): OPEN → ACCEPTED, REJECTED or
 * WITHDRAWN, every change kept in the audit trail. Accepting a dispute at a CPO issues the credit
 * CDR that cancels the disputed CDR, sent to the eMSP through OCPI; an open dispute holds its CDR
 * apart on statements.
 */
export class DisputeService {
  constructor(
    private readonly db: Database,
    private readonly cdrs: Record<FindingRole, PartnerCdrFacts>,
    private readonly credits: CreditIssuer,
  ) {}

  async open(input: OpenDispute): Promise<DisputeView> {
    let counterpart = input.counterpart;
    let role = input.role;
    let cdrId = input.cdr_id ?? null;
    let sessionId: string | null = null;
    let amount: string | null = input.amount_claimed === undefined ? null : moneyText(input.amount_claimed);
    let currency: string | null = null;
    if (input.finding_id !== undefined) {
      const finding = /^\d{1,18}$/.test(input.finding_id) ? await new FindingRepository(this.db).get(input.finding_id) : null;
      if (!finding || finding.local_country_code !== input.party.countryCode.toUpperCase() || finding.local_party_id !== input.party.partyId.toUpperCase()) {
        throw new ApiError(400, `Invalid field finding_id: no finding ${input.finding_id} of ${formatParty(input.party)}`, 'finding_id');
      }
      counterpart = { countryCode: finding.counterpart_country_code, partyId: finding.counterpart_party_id };
      role = finding.role;
      cdrId = finding.cdr_id;
      sessionId = finding.session_id;
      amount ??= moneyText(finding.amount_at_risk);
      currency = finding.currency;
    }
    if (!counterpart) throw new ApiError(400, 'Invalid field counterpart: say whom the dispute is with (CC-PID), or name a finding_id', 'counterpart');
    if (cdrId !== null && input.finding_id === undefined) {
      const cdr = await this.cdrs[role].find(input.party, counterpart, cdrId);
      if (!cdr) throw new ApiError(400, `Invalid field cdr_id: no CDR ${cdrId} between ${formatParty(input.party)} and ${formatParty(counterpart)}`, 'cdr_id');
      cdrId = cdr.id;
      sessionId = cdr.session_id ?? null;
      amount ??= moneyText(Math.abs(cdr.total_cost.excl_vat));
      currency = cdr.currency;
    }
    if (cdrId === null && input.finding_id === undefined) throw new ApiError(400, 'Invalid field cdr_id: a dispute is about a CDR (cdr_id) or a finding (finding_id)', 'cdr_id');
    const dispute = {
      local_country_code: input.party.countryCode.toUpperCase(),
      local_party_id: input.party.partyId.toUpperCase(),
      counterpart_country_code: counterpart.countryCode.toUpperCase(),
      counterpart_party_id: counterpart.partyId.toUpperCase(),
      role,
      cdr_id: cdrId,
      session_id: sessionId,
      finding_id: input.finding_id ?? null,
      reason: input.reason,
      amount_claimed: amount ?? '0',
      currency: currency ?? 'EUR',
    };
    try {
      const row = await this.db.transaction().execute((trx) => new DisputeRepository(trx).create(dispute, input.note ?? null));
      return (await this.get(String(row.id)))!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ApiError(409, `CDR ${cdrId} already has an open dispute`);
      throw error;
    }
  }

  /**
   * OPEN → ACCEPTED. At a CPO the disputed CDR is credited first (a credit CDR through OCPI to the
   * eMSP); if that fails, the dispute stays open.
   */
  async accept(id: string, note: string | null): Promise<DisputeView> {
    const current = await this.requireOpen(id);
    let creditId: string | null = null;
    if (current.role === 'CPO' && current.cdr_id !== null) {
      const credit = await this.credits.credit({ countryCode: current.local_country_code, partyId: current.local_party_id }, current.cdr_id, `Dispute ${id} accepted: ${current.reason}`.slice(0, 255));
      creditId = credit.id;
    }
    return this.close(id, 'ACCEPTED', note, creditId);
  }

  reject(id: string, note: string | null): Promise<DisputeView> {
    return this.close(id, 'REJECTED', note, null);
  }

  withdraw(id: string, note: string | null): Promise<DisputeView> {
    return this.close(id, 'WITHDRAWN', note, null);
  }

  async get(id: string, now = new Date()): Promise<DisputeView | null> {
    const repository = new DisputeRepository(this.db);
    const row = /^\d{1,18}$/.test(id) ? await repository.get(id) : null;
    if (!row) return null;
    const events = await repository.events(id);
    return {
      ...view(row, now),
      events: events.map((e) => ({ action: e.action, from_status: e.from_status, to_status: e.to_status, note: e.note, at: new Date(e.at).toISOString() })),
    };
  }

  async list(filter: DisputeFilter, now = new Date()): Promise<DisputeView[]> {
    return (await new DisputeRepository(this.db).list(filter)).map((row) => view(row, now));
  }

  private async close(id: string, to: Exclude<DisputeStatus, 'OPEN'>, note: string | null, creditCdrId: string | null): Promise<DisputeView> {
    await this.db.transaction().execute(async (trx) => {
      const repository = new DisputeRepository(trx);
      const row = await repository.getForUpdate(id);
      if (!row) throw new ApiError(404, `No dispute ${id}`);
      if (row.status !== 'OPEN') throw new ApiError(409, `Dispute ${id} is ${row.status}, not OPEN`);
      await repository.close(row, to, note, creditCdrId);
    });
    return (await this.get(id))!;
  }

  private async requireOpen(id: string): Promise<DisputeRow> {
    const row = /^\d{1,18}$/.test(id) ? await new DisputeRepository(this.db).get(id) : null;
    if (!row) throw new ApiError(404, `No dispute ${id}`);
    if (row.status !== 'OPEN') throw new ApiError(409, `Dispute ${id} is ${row.status}, not OPEN`);
    return row;
  }
}

function view(row: DisputeRow, now: Date): DisputeView {
  const opened = new Date(row.opened_at);
  const until = row.closed_at === null ? now : new Date(row.closed_at);
  return {
    id: String(row.id),
    party: formatParty({ countryCode: row.local_country_code, partyId: row.local_party_id }),
    counterpart: formatParty({ countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id }),
    role: row.role,
    cdr_id: row.cdr_id,
    session_id: row.session_id,
    finding_id: row.finding_id === null ? null : String(row.finding_id),
    reason: row.reason,
    amount_claimed: moneyNumber(row.amount_claimed),
    currency: row.currency,
    status: row.status,
    credit_cdr_id: row.credit_cdr_id,
    opened_at: opened.toISOString(),
    closed_at: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
    age_days: Math.floor((until.getTime() - opened.getTime()) / DAY_MS),
  };
}
