import { formatParty } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import { Money, moneyText } from '../money.js';
import type { FactWindow, PartnerCdrFacts } from '../settlement-ports.js';
import { StatementRepository } from '../statements/statement-repository.js';
import { partyOf, type DetectedFinding } from './finding.js';

/**
 * eMSP CDRs that arrived after the settlement period their session ended in had closed (its
 * statement issued): they are billed on a later statement, and the partner's statement of that
 * period will not match ours (docs/SETTLEMENT.md, "Statements", cut-off rule).
 */
export async function lateCdrFindings(db: Database, cdrs: PartnerCdrFacts, window: FactWindow): Promise<DetectedFinding[]> {
  const findings: DetectedFinding[] = [];
  const closed = (await new StatementRepository(db).list({})).filter((s) => s.role === 'EMSP' && s.status !== 'DRAFT');
  for (const statement of closed) {
    const party = { countryCode: statement.local_country_code, partyId: statement.local_party_id };
    const counterpart = { countryCode: statement.counterpart_country_code, partyId: statement.counterpart_party_id };
    const closedAt = new Date(statement.cutoff_at);
    const from = new Date(Math.max(closedAt.getTime(), window.from.getTime()));
    if (from >= window.to) continue;
    const ended = { from: new Date(statement.period_start), to: new Date(statement.period_end) };
    for (const { cdr, recorded_at } of await cdrs.cdrsBetween(party, counterpart, { recorded: { from, to: window.to }, ended })) {
      findings.push({
        type: 'late_cdr',
        role: 'EMSP',
        party,
        counterpart: partyOf(cdr),
        session_id: cdr.session_id ?? null,
        cdr_id: cdr.id,
        amount_at_risk: moneyText(new Money(cdr.total_cost.excl_vat).abs()),
        currency: cdr.currency,
        occurred_at: recorded_at,
        evidence: { statement_id: String(statement.id), statement_of: formatParty(counterpart), period_start: new Date(statement.period_start).toISOString(), closed_at: closedAt.toISOString(), received_at: recorded_at.toISOString(), end_date_time: cdr.end_date_time },
      });
    }
  }
  return findings;
}
