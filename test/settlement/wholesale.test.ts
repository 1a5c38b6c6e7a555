import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { Comparison } from '../../src/settlement/statements/statement-comparison.js';
import type { StatementView } from '../../src/settlement/statements/statement-service.js';
import { after, startBody, startPair, type Pair, type Side } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const LAST_MONTH = DateTime.utc().minus({ months: 1 }).startOf('month');
const PERIOD = LAST_MONTH.toFormat('yyyy-MM');

/** The wholesale price list both sides agreed: 0.25 per session and 0.20 per kWh, 21 % VAT. */
const WHOLESALE = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'WHOLESALE-2025',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'FLAT', price: 0.25, vat: 21, step_size: 1 }, { type: 'ENERGY', price: 0.2, vat: 21, step_size: 1 }] }],
  last_updated: '2025-01-01T00:00:00Z',
};

/**
 * A statement under both price bases: the CPO's tariffs (each CDR's own total_cost) and a
 * wholesale price list (each CDR's charging periods re-priced with the agreement's tariff).
 */
describe.each(backends)('statements priced from a wholesale price list on $name', (backend) => {
  let pair: Pair;
  const cdrs: CDR[] = [];

  const build = async (side: Side, party: string, counterpart: string) => side.api<StatementView>('POST', '/settlement/statements', { party, counterpart, period: PERIOD });
  const csvOf = async (side: Side, id: string) => (await side.service.app.inject({ method: 'GET', url: `/api/settlement/statements/${id}/csv`, headers: { authorization: 'Bearer sessions-test-admin-token' } })).body;

  beforeAll(async () => {
    pair = await startPair(backend);
    for (const day of [3, 10]) {
      const start = LAST_MONTH.plus({ days: day - 1, hours: 9 }).toISO()!;
      const started = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(start))).body;
      await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${started.id}/meter`, { at: after(start, 30), meter_kwh: 1010 });
      cdrs.push((await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.id}/stop`, { at: after(start, 60), meter_kwh: 1020 })).body.cdr);
    }
    await pair.cpo.deliver();
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  it('bills each CDR at its own price under the CPO tariffs', async () => {
    // Last month's CDRs are recorded now: a cut-off of 40 days keeps them in their month.
    expect((await pair.cpo.api('PUT', '/settlement/agreements/NL-CPO/DE-MSP', { cutoff_days: 40 })).status).toBe(200);
    const statement = (await build(pair.cpo, 'NL-CPO', 'DE-MSP')).body;
    expect(statement.agreement).toMatchObject({ price_basis: 'CPO_TARIFFS' });
    expect(statement.lines!.map((l) => [l.cdr_id, l.total_excl_vat, l.total_incl_vat])).toEqual(cdrs.map((c) => [c.id, c.total_cost.excl_vat, c.total_cost.incl_vat]));
    expect(Number(statement.totals.gross)).toBeCloseTo(cdrs[0]!.total_cost.excl_vat + cdrs[1]!.total_cost.excl_vat, 4);
  });

  it('refuses a wholesale agreement without a usable price list, naming the field', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const answer = await pair.cpo.api<{ error: { field: string } }>('PUT', '/settlement/agreements/NL-CPO/DE-MSP', body);
      expect(answer.status).toBe(400);
      return answer.body.error.field;
    };
    expect(await refused({ price_basis: 'WHOLESALE' })).toBe('wholesale_tariff');
    expect(await refused({ price_basis: 'WHOLESALE', wholesale_tariff: { ...WHOLESALE, currency: 'USD' } })).toBe('wholesale_tariff.currency');
    expect(await refused({ price_basis: 'WHOLESALE', wholesale_tariff: { ...WHOLESALE, elements: [] } })).toBe('wholesale_tariff.elements');
    const nightly = { ...WHOLESALE, elements: [{ ...WHOLESALE.elements[0]!, restrictions: { start_time: '22:00', end_time: '06:00' } }, WHOLESALE.elements[0]!] };
    expect(await refused({ price_basis: 'WHOLESALE', wholesale_tariff: nightly })).toBe('wholesale_time_zone');
    expect(await refused({ price_basis: 'WHOLESALE', wholesale_tariff: nightly, wholesale_time_zone: 'Mars/Olympus' })).toBe('wholesale_time_zone');
    expect((await pair.cpo.api<Record<string, unknown>>('GET', '/settlement/agreements/NL-CPO/DE-MSP')).body).toMatchObject({ stored: true, price_basis: 'CPO_TARIFFS', wholesale_tariff: null });
  });

  it('re-prices every line with the wholesale tariff, credits negated, and both sides agree line by line', async () => {
    for (const [side, party, counterpart] of [[pair.cpo, 'NL-CPO', 'DE-MSP'], [pair.emsp, 'DE-MSP', 'NL-CPO']] as const) {
      const saved = await side.api<Record<string, unknown>>('PUT', `/settlement/agreements/${party}/${counterpart}`, { price_basis: 'WHOLESALE', wholesale_tariff: WHOLESALE, cutoff_days: 40 });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ price_basis: 'WHOLESALE', wholesale_tariff: { id: 'WHOLESALE-2025' }, wholesale_time_zone: null });
    }
    // The CPO credits the first CDR in full (an accepted dispute).
    const dispute = (await pair.cpo.api<{ id: string }>('POST', '/settlement/disputes', { party: 'NL-CPO', counterpart: 'DE-MSP', cdr_id: cdrs[0]!.id, reason: 'wrong EVSE' })).body;
    expect((await pair.cpo.api('POST', `/settlement/disputes/${dispute.id}/accept`, {})).status).toBe(200);
    await pair.cpo.deliver();

    // 20 kWh each: 0.25 + 20 × 0.20 = 4.25 excl. VAT, 5.1425 incl. 21 %.
    const ours = await build(pair.cpo, 'NL-CPO', 'DE-MSP');
    expect(ours.status).toBe(200);
    expect(ours.body.agreement).toMatchObject({ price_basis: 'WHOLESALE' });
    const expected = [
      [cdrs[0]!.id, false, 4.25, 5.1425],
      [`${cdrs[0]!.id}-C`, true, -4.25, -5.1425],
      [cdrs[1]!.id, false, 4.25, 5.1425],
    ];
    expect(ours.body.lines!.map((l) => [l.cdr_id, l.credit, l.total_excl_vat, l.total_incl_vat])).toEqual(expected);
    expect(cdrs[1]!.total_cost.excl_vat).not.toBe(4.25);
    expect(ours.body.totals).toMatchObject({ gross: '8.5', credits: '-4.25', net: '4.25', vat_by_country: { NLD: '0.8925' } });

    const theirs = (await build(pair.emsp, 'DE-MSP', 'NL-CPO')).body;
    expect(theirs.lines!.map((l) => [l.cdr_id, l.credit, l.total_excl_vat, l.total_incl_vat])).toEqual(expected);
    const compared = await pair.emsp.service.app.inject({ method: 'POST', url: `/api/settlement/statements/${theirs.id}/partner-statement`, headers: { authorization: 'Bearer sessions-test-admin-token', 'content-type': 'text/csv' }, payload: await csvOf(pair.cpo, ours.body.id) });
    expect(JSON.parse(compared.body) as Comparison).toMatchObject({ agreed: true, matched: 3 });
  });

  it('refuses to build a statement whose CDRs the wholesale tariff cannot price, naming the CDR and keeping the draft as it was', async () => {
    // A time zone the engine does not know slips past no validation: stored by hand, as a buggy migration might.
    const before = (await pair.cpo.api<StatementView[]>('GET', '/settlement/statements?party=NL-CPO')).body[0]!;
    await pair.cpo.service.database.db.updateTable('settlement_agreement').set({ wholesale_time_zone: 'Nowhere/Atlantis' }).execute();
    const refused = await build(pair.cpo, 'NL-CPO', 'DE-MSP');
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as { error: { message: string; field: string } }).error).toMatchObject({ field: 'wholesale_tariff', message: expect.stringContaining(`CDR ${cdrs[0]!.id} cannot be priced with the wholesale tariff WHOLESALE-2025`) });
    expect((await pair.cpo.api<StatementView>('GET', `/settlement/statements/${before.id}`)).body.totals).toEqual(before.totals);
  });
});
