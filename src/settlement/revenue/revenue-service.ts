import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { FindingRole } from '../../store/tables/settlement-tables.js';
import { DisputeRepository } from '../disputes/dispute-repository.js';
import { Money, moneyText } from '../money.js';
import type { RetailRevenueFacts } from '../settlement-ports.js';
import type { Agreement } from '../statements/agreement.js';
import { periodContaining } from '../statements/period.js';
import { StatementRepository } from '../statements/statement-repository.js';
import { cpoRevenue, emspRoamingCost, type CpoRevenue, type EmspRoamingCost, type RevenueLine } from './revenue-figures.js';

type Figures = CpoRevenue | EmspRoamingCost;

interface LineGroups {
  all: RevenueLine[];
  partner: Map<string, RevenueLine[]>;
  location: Map<string, RevenueLine[]>;
  period: Map<string, RevenueLine[]>;
}

export interface RevenueByCurrency<F extends Figures> {
  totals: F;
  by_partner: Record<string, F>;
  by_location: Record<string, F>;
  by_period: Record<string, F>;
}

export interface RevenueReport {
  party: string;
  role: FindingRole;
  period: { from: string; to: string };
  currencies: Record<string, RevenueByCurrency<Figures> & { retail?: { retail_revenue: string; margin: string; retail_lines: number } }>;
}

/**
 * Revenue from statements (docs/SETTLEMENT.md, "Revenue"): what was billed in the statements of
 * the periods starting in [from, to), per currency, by partner, location and period. A CPO sees
 * gross and net roaming revenue; an eMSP its roaming cost, and against its retail revenue
 * (emsp/retail) the margin.
 */
export class RevenueService {
  constructor(
    private readonly db: Database,
    private readonly retail: RetailRevenueFacts,
  ) {}

  async report(party: PartyRef, role: FindingRole, window: { from: Date; to: Date }): Promise<RevenueReport> {
    const rows = await new StatementRepository(this.db).linesForReport(party, role, window.from, window.to);
    const writtenOff = new Map<string, Money>();
    for (const dispute of await new DisputeRepository(this.db).list({ status: 'ACCEPTED', party })) {
      if (dispute.role === role && dispute.cdr_id !== null && dispute.credit_cdr_id === null) writtenOff.set(dispute.cdr_id.toUpperCase(), new Money(dispute.amount_claimed));
    }
    const figures = role === 'CPO' ? cpoRevenue : emspRoamingCost;
    const groups = new Map<string, LineGroups>();
    for (const row of rows) {
      const agreement = row.agreement as unknown as Agreement;
      const counted = !row.credit;
      const fees = counted ? new Money(agreement.hub_fee_per_session).plus(new Money(row.total_excl_vat).times(agreement.transaction_fee_percent).dividedBy(100)) : new Money(0);
      const line: RevenueLine = { credit: row.credit, total_excl_vat: row.total_excl_vat, fees, written_off: writtenOff.get(row.cdr_key) ?? new Money(0) };
      const group: LineGroups = groups.get(row.currency) ?? { all: [], partner: new Map(), location: new Map(), period: new Map() };
      groups.set(row.currency, group);
      group.all.push(line);
      add(group.partner, formatParty({ countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id }), line);
      add(group.location, row.location_id, line);
      add(group.period, periodContaining(new Date(row.period_start), agreement.period).label, line);
    }
    const report: RevenueReport = { party: formatParty(party).toUpperCase(), role, period: { from: window.from.toISOString(), to: window.to.toISOString() }, currencies: {} };
    for (const [currency, group] of groups) {
      const mapped = (lines: Map<string, RevenueLine[]>) => Object.fromEntries([...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, figures(value)]));
      report.currencies[currency] = { totals: figures(group.all), by_partner: mapped(group.partner), by_location: mapped(group.location), by_period: mapped(group.period) };
    }
    if (role === 'EMSP') {
      for (const summary of await this.retail.summary(party, { dateFrom: window.from, dateTo: window.to })) {
        const entry = (report.currencies[summary.currency] ??= { totals: emspRoamingCost([]), by_partner: {}, by_location: {}, by_period: {} });
        const cost = entry.totals as EmspRoamingCost;
        entry.retail = { retail_revenue: moneyText(summary.net), margin: moneyText(new Money(summary.net).minus(cost.roaming_cost).minus(cost.fees)), retail_lines: Number(summary.lines) };
      }
    }
    return report;
  }
}

function add(groups: Map<string, RevenueLine[]>, key: string, line: RevenueLine): void {
  groups.set(key, [...(groups.get(key) ?? []), line]);
}
