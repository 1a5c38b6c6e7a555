import { randomUUID } from 'node:crypto';
import { formatParty, type PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { Database } from '../../store/database.js';
import type { RetailPlan, VatSource } from '../../store/tables/retail-tables.js';
import type { AcceptedCdr, RetailPricer } from '../cdrs/retail-pricer.js';
import { audienceKeys, selectPlan, type Audience } from './plan-selection.js';
import { parseRetailPlan, tokenKey } from './retail-plan-input.js';
import { retailAmounts, type RetailVat } from './retail-price.js';
import { RetailRepository, type RetailLineRow, type RetailSummaryRow } from './retail-repository.js';
import { standardVatPercent } from './vat-rates.js';

/**
 * The eMSP's retail pricing: plans per partner, driver group or token, and the retail line of
 * every CDR the eMSP accepts (the `RetailPricer` port of the CDR receiver). Rules: docs/TARIFFS.md.
 */
export class RetailService implements RetailPricer {
  constructor(
    private readonly db: Database,
    private readonly hosted: HostedParties,
  ) {}

  async createPlan(local: PartyRef, body: unknown): Promise<RetailPlan> {
    const plan = parseRetailPlan(body, randomUUID);
    return this.db.transaction().execute(async (trx) => {
      const repository = new RetailRepository(trx);
      if (await repository.insertPlan(local, plan)) return plan;
      if (await repository.getPlan(local, plan.id)) throw conflict(`Invalid field id: plan ${plan.id} exists`);
      const twin = await repository.sameAudience(local, plan);
      throw conflict(`Invalid field scope: plan ${twin?.id ?? '?'} already prices this audience; delete it first`);
    });
  }

  getPlan(local: PartyRef, id: string): Promise<RetailPlan | null> {
    return new RetailRepository(this.db).getPlan(local, id);
  }

  listPlans(local: PartyRef): Promise<RetailPlan[]> {
    return new RetailRepository(this.db).listPlans(local);
  }

  deletePlan(local: PartyRef, id: string): Promise<boolean> {
    return new RetailRepository(this.db).deletePlan(local, id);
  }

  listLines(local: PartyRef, page: PageRequest): Promise<PageResult<RetailLineRow>> {
    return new RetailRepository(this.db).listLines(local, page);
  }

  summary(local: PartyRef, window: { dateFrom?: Date; dateTo?: Date }): Promise<RetailSummaryRow[]> {
    return new RetailRepository(this.db).summary(local, window);
  }

  /** The retail price excl. VAT of each CDR whose session ended in [from, to): for settlement's revenue by partner and location. */
  async netByCdr(local: PartyRef, window: { from: Date; to: Date }): Promise<Array<{ cpo: PartyRef; cdr_id: string; currency: string; net: string }>> {
    const rows = await new RetailRepository(this.db).netByCdr(local, window.from, window.to);
    return rows.map((r) => ({ cpo: { countryCode: r.country_code, partyId: r.party_id }, cdr_id: r.cdr_id, currency: r.currency, net: r.net }));
  }

  async record(trx: Database, { local, seq, cdr, creditsSeq, tokenGroup: group }: AcceptedCdr): Promise<void> {
    const repository = new RetailRepository(trx);
    const owner = { countryCode: cdr.country_code, partyId: cdr.party_id };
    const audience: Audience = {
      token: tokenKey(cdr.cdr_token.type, cdr.cdr_token.uid),
      group,
      partner: formatParty(owner).toUpperCase(),
      // A CPO party this deployment hosts is the operator's own network: its drivers are direct customers.
      channel: this.hosted.find(owner)?.roles.includes('CPO') ? 'DIRECT' : 'ROAMING',
      currency: cdr.currency,
    };
    // A credit undoes its session's line with that line's plan, whatever the plans are now.
    const credited = creditsSeq === null ? null : await repository.lineOfCdr(creditsSeq);
    const plan = credited ? credited.plan : selectPlan(await repository.candidates(local, audienceKeys(audience)), audience);
    const credit = cdr.credit === true;
    const vat = vatFor(plan, cdr);
    const amounts = retailAmounts(plan, { cpoCost: Math.abs(cdr.total_cost.excl_vat), energyKwh: Math.abs(cdr.total_energy), timeHours: Math.abs(cdr.total_time) }, vat, credit);
    await repository.insertLine(local, {
      cdr_seq: seq,
      country_code: cdr.country_code.toUpperCase(),
      party_id: cdr.party_id.toUpperCase(),
      cdr_id: cdr.id,
      credit,
      token_type: cdr.cdr_token.type,
      token_uid: cdr.cdr_token.uid,
      group_id: group,
      channel: audience.channel,
      plan,
      currency: cdr.currency,
      ...amounts,
      vat_source: vat.source,
      energy_kwh: String(credit ? -Math.abs(cdr.total_energy) : cdr.total_energy),
      session_end: new Date(cdr.end_date_time),
    });
  }
}

/** The plan's VAT rate, else the standard rate of the country of charging, else none. */
function vatFor(plan: RetailPlan | null, cdr: CDR): RetailVat {
  if (plan?.vat_percent !== undefined) return { percent: plan.vat_percent, source: 'PLAN' };
  const standard = standardVatPercent(cdr.cdr_location.country);
  const source: VatSource = standard === null ? 'NONE' : 'COUNTRY';
  return { percent: standard ?? 0, source };
}

function conflict(message: string): OcpiError {
  return new OcpiError(OcpiStatus.ClientError, message, 409);
}
