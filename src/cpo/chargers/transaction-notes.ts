import type { ClockCorrection } from '../../ocpp/charger-events.js';
import { MAX_EVIDENCE, type StoredEvidence } from '../../store/tables/charger-tables.js';
import type { ChargerTransactionRow } from './charger-repository.js';

/**
 * What a transaction's messages made us work around: flags for reconciliation (`meter_went_back`,
 * `clock_ahead`, `stop_timeout`, …) and, beside them, the charger's values we did not use as sent.
 */
export class TransactionNotes {
  readonly #flags: Set<string>;
  readonly #evidence: StoredEvidence[];

  constructor(
    transaction: Pick<ChargerTransactionRow, 'flags' | 'evidence'>,
    private readonly receivedAt: Date,
  ) {
    this.#flags = new Set(transaction.flags);
    this.#evidence = [...transaction.evidence];
  }

  get flags(): string[] {
    return [...this.#flags];
  }

  has(flag: string): boolean {
    return this.#flags.has(flag);
  }

  flag(flag: string): void {
    this.#flags.add(flag);
  }

  /** Flags `kind` and keeps what the charger sent; beyond {@link MAX_EVIDENCE} entries only the flag is kept. */
  keep(kind: string, message: string, reported: unknown, used?: unknown): void {
    this.flag(kind);
    if (this.#evidence.length >= MAX_EVIDENCE) return;
    this.#evidence.push({ kind, message, reported, ...(used !== undefined && { used }), received_at: this.receivedAt.toISOString() });
  }

  /** A timestamp replaced by the time of receipt (charger-clock.ts): `clock_ahead`, `clock_too_old` or `clock_unreadable`. */
  clock(message: string, time: { at: string; clock?: ClockCorrection }): void {
    if (time.clock) this.keep(`clock_${time.clock.reason}`, message, time.clock.reported, time.at);
  }

  /** The columns that store the notes. */
  columns(): { flags: string; evidence: string } {
    return { flags: JSON.stringify(this.flags), evidence: JSON.stringify(this.#evidence) };
  }
}
