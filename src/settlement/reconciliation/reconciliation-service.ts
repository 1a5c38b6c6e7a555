import type { Database } from '../../store/database.js';
import type { FindingRole } from '../../store/tables/settlement-tables.js';
import { cpoChecks, type CpoPorts } from './cpo-checks.js';
import { emspChecks, type EmspPorts } from './emsp-checks.js';
import type { PartnerCdrFacts } from '../settlement-ports.js';
import { findingKey, type DetectedFinding, type FindingType } from './finding.js';
import { lateCdrFindings } from './late-cdrs.js';
import { FindingRepository, type FindingFilter, type FindingRow } from './finding-repository.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

export interface RunOptions {
  /** Look at objects from this time on; default: the lookback of a scheduled run. */
  since?: Date;
  /** The clock thresholds are measured against; tests move it, operators never do. */
  now?: Date;
}

export interface RunReport {
  started_at: string;
  window: { from: string; to: string };
  /** Findings this run saw, new or already known. */
  seen: number;
  added: number;
  reopened: number;
  /** Open findings this run no longer saw: the missing piece arrived. */
  resolved: number;
  open: number;
  checked: string[];
  skipped: string[];
}

/** Why a run closes a finding it no longer sees, per type: the piece that was missing. */
const ARRIVED: Record<FindingType, string> = {
  session_without_cdr: 'a CDR for the session arrived',
  cdr_not_accepted: 'the eMSP accepted the CDR',
  cdr_undelivered: 'the eMSP accepted the CDR',
  energy_mismatch: 'the CDR and the meter agree',
  session_closed_by_timeout: 'the session is no longer reported as closed by timeout',
  cdr_without_session: 'the session arrived',
  duplicate_cdr: 'a credit CDR cancelled the duplicate or its original',
  price_mismatch: 'a credit CDR cancelled the mispriced CDR',
  token_not_valid: 'the token no longer shows as unknown or blocked at session start',
  implausible_values: 'the values are no longer implausible',
  cdr_refused: 'the CDR was accepted',
  late_cdr: 'the CDR is no longer seen as late',
};

/**
 * Reconciliation for both roles (docs/SETTLEMENT.md): each run checks every role's facts in its
 * window, records what it sees under stable keys (a finding is never counted twice), and closes
 * the open findings it no longer sees. Runs never overlap within a process.
 */
export class ReconciliationService {
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly ports: { cpo: CpoPorts; emsp: EmspPorts; emspCdrs?: PartnerCdrFacts },
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {}

  run(options: RunOptions = {}): Promise<RunReport> {
    const next = this.#last.then(() => this.#run(options));
    this.#last = next.catch(() => undefined);
    return next;
  }

  async #run(options: RunOptions): Promise<RunReport> {
    const seenAt = new Date();
    const now = options.now ?? seenAt;
    const window = { from: options.since ?? new Date(now.getTime() - this.thresholds.lookbackMs), to: now };
    const cpo = await cpoChecks(this.ports.cpo, window, now, this.thresholds);
    const emsp = await emspChecks(this.ports.emsp, window, now, this.thresholds);
    const late = this.ports.emspCdrs ? await lateCdrFindings(this.db, this.ports.emspCdrs, window) : [];
    if (this.ports.emspCdrs) emsp.checked.push('EMSP/late_cdr');
    const seen = distinct([...cpo.findings, ...emsp.findings, ...late]);
    const repository = new FindingRepository(this.db);
    const { added, reopened } = await repository.recordSeen(seen, seenAt);
    let resolved = 0;
    for (const checked of [...cpo.checked, ...emsp.checked]) {
      const [role, type] = checked.split('/') as [FindingRole, FindingType];
      resolved += await repository.closeUnseen(role, type, window, seenAt, ARRIVED[type]);
    }
    return {
      started_at: seenAt.toISOString(),
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      seen: seen.length,
      added,
      reopened,
      resolved,
      open: await repository.countOpen(),
      checked: [...cpo.checked, ...emsp.checked],
      skipped: [...cpo.skipped, ...emsp.skipped],
    };
  }

  list(filter: FindingFilter): Promise<FindingRow[]> {
    return new FindingRepository(this.db).list(filter);
  }

  openSummary(): ReturnType<FindingRepository['openSummary']> {
    return new FindingRepository(this.db).openSummary();
  }

  get(id: string): Promise<FindingRow | null> {
    return new FindingRepository(this.db).get(id);
  }

  /** An operator settles an open finding (`RESOLVED`) or dismisses it (`IGNORED`), always with a reason. */
  close(id: string, status: 'RESOLVED' | 'IGNORED', reason: string): Promise<FindingRow | null> {
    return new FindingRepository(this.db).close(id, status, 'OPERATOR', reason);
  }
}

/** One finding per key: two checks may see the same object the same way (a refused CDR, say). */
function distinct(findings: readonly DetectedFinding[]): DetectedFinding[] {
  return [...new Map(findings.map((f) => [findingKey(f), f])).values()];
}
