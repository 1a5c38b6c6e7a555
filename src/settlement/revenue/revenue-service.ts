import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { FindingRole } from '../../store/tables/settlement-tables.js';
import { DisputeRepository } from '../disputes/dispute-repository.js';
import { Money } from '../money.js';
import type { RetailRevenueFacts } from '../settlement-ports.js';
import type { Agreement } from '../statements/agreement.js';
import { periodContaining } from '../statements/period.js';
import { StatementRepository } from '../statements/statement-repository.js';
import { cpoRevenue, emspRevenue, type CpoRevenue, type EmspRevenue, type RevenueLine } from './revenue-figures.js';

type Figures = CpoRevenue | EmspRevenue;

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
  currencies: Record<string, RevenueByCurrency<Figures>>;
}

const ZERO = new Money(0);

/**
 * Revenue from statements (docs/SETTLEMENT.md, "Revenue"): what was billed in the statements of
 * the periods starting in [from, to), per currency, by partner, location and period. A CPO sees
 * gross and net roaming revenue; an eMSP what its drivers paid for those same CDRs (emsp/retail),
 * its roaming cost and the margin between them.
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
    const retail = role === 'EMSP' ? await this.retailOf(party, rows) : new Map<string, { currency: string; net: Money }>();
    const groups = new Map<string, LineGroups>();
    const add = (currency: string, keys: { partner: string; location: string; period: string }, line: RevenueLine) => {
      const group: LineGroups = groups.get(currency) ?? { all: [], partner: new Map(), location: new Map(), period: new Map() };
      groups.set(currency, group);
      group.all.push(line);
      push(group.partner, keys.partner, line);
      push(group.location, keys.location, line);
      push(group.period, keys.period, line);
    };
    for (const row of rows) {
      const agreement = row.agreement as unknown as Agreement;
      const partner = formatParty({ countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id });
      const keys = { partner, location: row.location_id, period: periodContaining(new Date(row.period_start), agreement.period).label };
      const billed = new Money(row.total_excl_vat);
      const fees = row.credit ? ZERO : new Money(agreement.hub_fee_per_session).plus(billed.times(agreement.transaction_fee_percent).dividedBy(100));
      const paid = retail.get(`${partner}/${row.cdr_key}`);
      // The driver's price is in the CDR's currency; a statement in another one (a wholesale price list) keeps them apart.
      const sameCurrency = paid === undefined || paid.currency === row.currency;
      add(row.currency, keys, { session: !row.credit, billed, fees, written_off: writtenOff.get(row.cdr_key) ?? ZERO, retail: sameCurrency && paid ? paid.net : ZERO });
      if (!sameCurrency) add(paid.currency, keys, { session: false, billed: ZERO, fees: ZERO, written_off: ZERO, retail: paid.net });
    }
    const figures = role === 'CPO' ? cpoRevenue : emspRevenue;
    const report: RevenueReport = { party: formatParty(party).toUpperCase(), role, period: { from: window.from.toISOString(), to: window.to.toISOString() }, currencies: {} };
    for (const [currency, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const mapped = (lines: Map<string, RevenueLine[]>) => Object.fromEntries([...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, figures(value)]));
      report.currencies[currency] = { totals: figures(group.all), by_partner: mapped(group.partner), by_location: mapped(group.location), by_period: mapped(group.period) };
    }
    return report;
  }

  /** The retail price of each CDR on these lines, by `CC-PID/CDR-ID` of its CPO. */
  private async retailOf(party: PartyRef, rows: ReadonlyArray<{ end_date_time: Date }>): Promise<Map<string, { currency: string; net: Money }>> {
    const prices = new Map<string, { currency: string; net: Money }>();
    if (rows.length === 0) return prices;
    let first = Infinity;
    let last = -Infinity;
    for (const row of rows) {
      const end = new Date(row.end_date_time).getTime();
      first = Math.min(first, end);
      last = Math.max(last, end);
    }
    const window = { from: new Date(first), to: new Date(last + 1) };
    for (const line of await this.retail.netByCdr(party, window)) prices.set(`${formatParty(line.cpo)}/${line.cdr_id.toUpperCase()}`, { currency: line.currency, net: new Money(line.net) });
    return prices;
  }
}

function push(groups: Map<string, RevenueLine[]>, key: string, line: RevenueLine): void {
  const lines = groups.get(key);
  if (lines) lines.push(line);
  else groups.set(key, [line]);
}
