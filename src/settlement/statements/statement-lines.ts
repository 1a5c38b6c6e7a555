import type { RecordedCdr } from '../settlement-ports.js';
import type { Period } from './period.js';

export interface SelectedLine extends RecordedCdr {
  /** Its session ended before the period: it came after its own period had closed. */
  late: boolean;
}

/**
 * The cut-off rule (docs/SETTLEMENT.md, "Statements"): a CDR belongs to the period its session
 * ended in when it was recorded before that period closed (its cut-off, or the moment its
 * statement was issued if that came first). A CDR recorded after its own period closed is late
 * and goes on the statement of the period open when it was recorded. `closedAt` gives, for the
 * period a CDR ended in, when that period closed; `taken` holds the CDR ids already on another
 * statement, so no CDR is billed twice.
 */
export function selectLines(candidates: readonly RecordedCdr[], period: Period, cutoffAt: Date, closedAt: (ended: Date) => Date, taken: ReadonlySet<string>): SelectedLine[] {
  const lines: SelectedLine[] = [];
  for (const candidate of candidates) {
    if (taken.has(candidate.cdr.id.toUpperCase()) || candidate.recorded_at >= cutoffAt) continue;
    const ended = new Date(candidate.cdr.end_date_time);
    if (ended >= period.end) continue;
    if (ended >= period.start) lines.push({ ...candidate, late: false });
    else if (candidate.recorded_at >= closedAt(ended)) lines.push({ ...candidate, late: true });
  }
  return lines;
}
