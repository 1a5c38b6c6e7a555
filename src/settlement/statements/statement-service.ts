import { ApiError } from '../../api/api-error.js';
import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Database } from '../../store/database.js';
import type { FindingRole, StatementStatus } from '../../store/tables/settlement-tables.js';
import { DisputeRepository } from '../disputes/dispute-repository.js';
import { moneyNumber, moneyText, Money } from '../money.js';
import type { PartnerCdrFacts, RecordedCdr } from '../settlement-ports.js';
import { assertAgreement, DEFAULT_AGREEMENT, type Agreement } from './agreement.js';
import { AgreementRepository } from './agreement-repository.js';
import { compareStatements, type Comparison } from './statement-comparison.js';
import { statementCsv, type StatementCsvRow } from './statement-csv.js';
import { linePrice, type LinePrice } from './line-price.js';
import { selectLines } from './statement-lines.js';
import { StatementRepository, type NewStatementLine, type StatementFilter, type StatementLineRow, type StatementPair, type StatementRow } from './statement-repository.js';
import { statementTotals, type StatementTotals } from './statement-totals.js';
import { parsePartnerCsv } from './partner-csv.js';
import { parsePeriod, periodContaining, periodsBetween, type Period } from './period.js';

const DAY_MS = 86_400_000;
/** Late CDRs are looked for among those recorded up to this long before the period starts. */
const LATE_LOOKBACK_MS = 92 * DAY_MS;

export interface StatementLineView {
  cdr_id: string;
  session_id: string | null;
  credit: boolean;
  credit_reference_id: string | null;
  start_date_time: string;
  end_date_time: string;
  recorded_at: string;
  country: string;
  evse_id: string | null;
  energy_kwh: number;
  currency: string;
  total_excl_vat: number;
  vat: number;
  total_incl_vat: number;
  late: boolean;
  /** Held apart by an open dispute. */
  disputed: boolean;
}

export interface StatementView {
  id: string;
  party: string;
  counterpart: string;
  role: FindingRole;
  period: string;
  period_start: string;
  period_end: string;
  cutoff_at: string;
  status: StatementStatus;
  currency: string;
  agreement: Record<string, unknown>;
  built_at: string;
  issued_at: string | null;
  settled_at: string | null;
  totals: StatementTotals;
  partner_comparison: Record<string, unknown> | null;
  lines?: StatementLineView[];
}

/**
 * Statements per partner and period (docs/SETTLEMENT.md, "Statements"): built as a DRAFT from the
 * CDRs by the cut-off rule and rebuilt on demand, ISSUED (rebuilt one last time, then frozen;
 * the period closes), then SETTLED. Totals are computed when read, so a dispute opened or closed
 * after issue moves its line in or out of the held-apart amount.
 */
export class StatementService {
  constructor(
    private readonly db: Database,
    private readonly cdrs: Record<FindingRole, PartnerCdrFacts>,
  ) {}

  async agreement(party: PartyRef, counterpart: PartyRef): Promise<Agreement & { stored: boolean }> {
    const stored = await new AgreementRepository(this.db).get(party, counterpart);
    if (!stored) return { ...DEFAULT_AGREEMENT, stored: false };
    const { party: _p, counterpart: _c, role: _r, updated_at: _u, ...agreement } = stored;
    return { ...agreement, stored: true };
  }

  async saveAgreement(pair: StatementPair, changes: Partial<Agreement>): Promise<Agreement & { stored: boolean }> {
    const { stored: _stored, ...current } = await this.agreement(pair.party, pair.counterpart);
    const agreement = { ...current, ...changes };
    assertAgreement(agreement);
    await new AgreementRepository(this.db).save(pair.party, pair.counterpart, pair.role, agreement);
    return this.agreement(pair.party, pair.counterpart);
  }

  /** Builds the DRAFT of a period, or rebuilds it; an issued or settled statement never changes. */
  async build(pair: StatementPair, periodLabel: string, now = new Date()): Promise<{ created: boolean; statement: StatementView }> {
    const { stored: _stored, ...agreement } = await this.agreement(pair.party, pair.counterpart);
    const period = parsePeriod(periodLabel, agreement.period);
    if (!period) throw new ApiError(400, `Invalid field period: a ${agreement.period === 'MONTHLY' ? 'month such as 2026-03' : 'week such as 2026-W10'} (the agreement is ${agreement.period})`, 'period');
    const repository = new StatementRepository(this.db);
    const existing = await repository.findByPeriod(pair, period.start);
    if (existing && existing.status !== 'DRAFT') throw new ApiError(409, `The statement of ${period.label} is ${existing.status}; it no longer changes`);
    const cutoffAt = new Date(period.end.getTime() + agreement.cutoff_days * DAY_MS);
    const lines = await this.selectLines(pair, agreement, period, cutoffAt, existing ? String(existing.id) : null, now);
    const id = await this.inTransaction(async (trx) => {
      const statements = new StatementRepository(trx);
      const values = { cutoff_at: cutoffAt, agreement: JSON.stringify(agreement), built_at: now };
      const statementId = existing ? String(existing.id) : await statements.create(pair, { period_start: period.start, period_end: period.end, ...values });
      if (existing) {
        const locked = await statements.getForUpdate(statementId);
        if (locked?.status !== 'DRAFT') throw new ApiError(409, `The statement of ${period.label} was issued meanwhile`);
        await statements.update(statementId, values);
      }
      await statements.replaceLines(statementId, pair, lines);
      return statementId;
    });
    return { created: !existing, statement: (await this.get(id, true))! };
  }

  /** DRAFT → ISSUED: rebuilt with what has arrived, then frozen; the period closes now if its cut-off has not come yet. */
  async issue(id: string, now = new Date()): Promise<StatementView> {
    const row = await this.require(id);
    if (row.status !== 'DRAFT') throw new ApiError(409, `Statement ${id} is ${row.status}, not DRAFT`);
    const pair = pairOf(row);
    const agreement = row.agreement as unknown as Agreement;
    const closesAt = new Date(Math.min(new Date(row.cutoff_at).getTime(), now.getTime()));
    const period = { label: periodContaining(new Date(row.period_start), agreement.period).label, start: new Date(row.period_start), end: new Date(row.period_end) };
    const lines = await this.selectLines(pair, agreement, period, closesAt, id, now);
    await this.inTransaction(async (trx) => {
      const statements = new StatementRepository(trx);
      const locked = await statements.getForUpdate(id);
      if (locked?.status !== 'DRAFT') throw new ApiError(409, `Statement ${id} is ${locked?.status}, not DRAFT`);
      await statements.replaceLines(id, pair, lines);
      await statements.update(id, { status: 'ISSUED', issued_at: now, cutoff_at: closesAt, built_at: now });
    });
    return (await this.get(id, true))!;
  }

  /** ISSUED → SETTLED: paid. Lines held apart by open disputes stay listed as disputed. */
  async settle(id: string, now = new Date()): Promise<StatementView> {
    await this.inTransaction(async (trx) => {
      const statements = new StatementRepository(trx);
      const locked = await statements.getForUpdate(id);
      if (!locked) throw new ApiError(404, `No statement ${id}`);
      if (locked.status !== 'ISSUED') throw new ApiError(409, `Statement ${id} is ${locked.status}, not ISSUED`);
      await statements.update(id, { status: 'SETTLED', settled_at: now });
    });
    return (await this.get(id, true))!;
  }

  async get(id: string, withLines: boolean): Promise<StatementView | null> {
    const row = /^\d{1,18}$/.test(id) ? await new StatementRepository(this.db).get(id) : null;
    return row ? this.view(row, withLines) : null;
  }

  /** The statement lines of one session or its CDR (support's trace), with their statement's period and status. */
  async linesAbout(party: PartyRef, about: { sessionId: string; cdrId: string | null }): Promise<Array<{ statement: StatementView; line: StatementLineView }>> {
    const found: Array<{ statement: StatementView; line: StatementLineView }> = [];
    for (const id of await new StatementRepository(this.db).statementsAbout(party, about)) {
      const statement = (await this.get(id, true))!;
      for (const line of statement.lines ?? []) {
        const ofSession = line.session_id !== null && line.session_id.toUpperCase() === about.sessionId.toUpperCase();
        if (ofSession || (about.cdrId !== null && line.cdr_id.toUpperCase() === about.cdrId.toUpperCase())) found.push({ statement, line });
      }
    }
    return found;
  }

  async list(filter: StatementFilter): Promise<StatementView[]> {
    const rows = await new StatementRepository(this.db).list(filter);
    return Promise.all(rows.map((row) => this.view(row, false)));
  }

  /** The CSV export: one line per CDR. */
  async csv(id: string): Promise<string> {
    const statement = await this.get(id, true);
    if (!statement) throw new ApiError(404, `No statement ${id}`);
    const rows: StatementCsvRow[] = statement.lines!.map((line) => ({
      statement_id: statement.id,
      party: statement.party,
      counterpart: statement.counterpart,
      period: statement.period,
      ...line,
    }));
    return statementCsv(rows);
  }

  /** Compares the partner's statement (CSV) with ours line by line and keeps the comparison; a malformed file is refused whole. */
  async comparePartnerStatement(id: string, csv: string, now = new Date()): Promise<Comparison> {
    const theirs = parsePartnerCsv(csv);
    await this.require(id);
    const ours = await new StatementRepository(this.db).lines(id);
    const comparison = compareStatements(
      ours.map((l) => ({ cdr_id: l.cdr_id, total_excl_vat: l.total_excl_vat, energy_kwh: l.energy_kwh, currency: l.currency, credit: l.credit })),
      theirs,
      now,
    );
    await new StatementRepository(this.db).update(id, { partner_comparison: JSON.stringify(comparison) });
    return comparison;
  }

  /**
   * The lines of `period` by the cut-off rule, from the CDRs recorded up to `cutoffAt` (and never
   * after now). The CDRs are read by session end where they are stored: the period's own, then
   * per earlier period only those recorded after it closed (the late ones), so a statement reads
   * its month, not the months before it.
   */
  private async selectLines(pair: StatementPair, agreement: Agreement, period: Period, cutoffAt: Date, except: string | null, now: Date): Promise<NewStatementLine[]> {
    const recordedBefore = new Date(Math.min(cutoffAt.getTime(), now.getTime() + 1));
    const lookbackStart = new Date(period.start.getTime() - LATE_LOOKBACK_MS);
    const repository = new StatementRepository(this.db);
    const closedAt = new Map((await repository.ofPairs(pair)).map((s) => [new Date(s.period_start).getTime(), new Date(s.cutoff_at)]));
    const periodClosedAt = (ended: Date) => {
      const own = periodContaining(ended, agreement.period);
      return closedAt.get(own.start.getTime()) ?? new Date(own.end.getTime() + agreement.cutoff_days * DAY_MS);
    };
    const facts = this.cdrs[pair.role];
    const recordedFrom = async (from: Date, ended: { from: Date; to: Date }): Promise<RecordedCdr[]> => (from < recordedBefore ? facts.cdrsBetween(pair.party, pair.counterpart, { recorded: { from, to: recordedBefore }, ended }) : []);
    const candidates = await recordedFrom(lookbackStart, { from: period.start, to: period.end });
    const earlier = periodsBetween(lookbackStart, period.start, agreement.period);
    for (const own of earlier) candidates.push(...(await recordedFrom(new Date(Math.max(lookbackStart.getTime(), periodClosedAt(own.start).getTime())), { from: own.start, to: own.end })));
    // Sessions older still whose CDR came within the lookback: rare, all of them late.
    candidates.push(...(await recordedFrom(lookbackStart, { from: new Date(0), to: earlier[0]?.start ?? period.start })));
    const taken = await repository.taken(pair, candidates.map((c) => c.cdr.id.toUpperCase()), except);
    return selectLines(candidates, period, cutoffAt, periodClosedAt, taken).map(({ cdr, recorded_at, late }) => lineOf(cdr, recorded_at, late, linePrice(cdr, agreement)));
  }

  private async view(row: StatementRow, withLines: boolean): Promise<StatementView> {
    const pair = pairOf(row);
    const agreement = row.agreement as unknown as Agreement;
    const lines = await new StatementRepository(this.db).lines(String(row.id));
    const held = await new DisputeRepository(this.db).openCdrKeys(pair.party, pair.counterpart);
    const view: StatementView = {
      id: String(row.id),
      party: formatParty(pair.party),
      counterpart: formatParty(pair.counterpart),
      role: row.role,
      period: periodContaining(new Date(row.period_start), agreement.period).label,
      period_start: new Date(row.period_start).toISOString(),
      period_end: new Date(row.period_end).toISOString(),
      cutoff_at: new Date(row.cutoff_at).toISOString(),
      status: row.status,
      currency: agreement.currency,
      agreement: row.agreement,
      built_at: new Date(row.built_at).toISOString(),
      issued_at: row.issued_at === null ? null : new Date(row.issued_at).toISOString(),
      settled_at: row.settled_at === null ? null : new Date(row.settled_at).toISOString(),
      totals: statementTotals(lines, held, agreement),
      partner_comparison: row.partner_comparison,
    };
    if (withLines) view.lines = lines.map((line) => lineView(line, held.has(line.cdr_key)));
    return view;
  }

  private async require(id: string): Promise<StatementRow> {
    const row = /^\d{1,18}$/.test(id) ? await new StatementRepository(this.db).get(id) : null;
    if (!row) throw new ApiError(404, `No statement ${id}`);
    return row;
  }

  private inTransaction<T>(work: (trx: Database) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}

function pairOf(row: StatementRow): StatementPair {
  return { party: { countryCode: row.local_country_code, partyId: row.local_party_id }, counterpart: { countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id }, role: row.role };
}

function lineOf(cdr: CDR, recordedAt: Date, late: boolean, price: LinePrice): NewStatementLine {
  return {
    cdr_key: cdr.id.toUpperCase(),
    cdr_id: cdr.id,
    session_id: cdr.session_id ?? null,
    credit: cdr.credit === true,
    credit_reference_id: cdr.credit_reference_id ?? null,
    start_date_time: new Date(cdr.start_date_time),
    end_date_time: new Date(cdr.end_date_time),
    recorded_at: recordedAt,
    country: cdr.cdr_location.country,
    location_id: cdr.cdr_location.id,
    evse_id: cdr.cdr_location.evse_id ?? null,
    energy_kwh: moneyText(cdr.total_energy),
    ...price,
    late,
  };
}

function lineView(line: StatementLineRow, disputed: boolean): StatementLineView {
  return {
    cdr_id: line.cdr_id,
    session_id: line.session_id,
    credit: line.credit,
    credit_reference_id: line.credit_reference_id,
    start_date_time: new Date(line.start_date_time).toISOString(),
    end_date_time: new Date(line.end_date_time).toISOString(),
    recorded_at: new Date(line.recorded_at).toISOString(),
    country: line.country,
    evse_id: line.evse_id,
    energy_kwh: moneyNumber(line.energy_kwh),
    currency: line.currency,
    total_excl_vat: moneyNumber(line.total_excl_vat),
    vat: moneyNumber(new Money(line.total_incl_vat).minus(line.total_excl_vat).toString()),
    total_incl_vat: moneyNumber(line.total_incl_vat),
    late: line.late,
    disputed,
  };
}
