import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { DisputeView } from '../../src/settlement/disputes/dispute-service.js';
import type { Comparison } from '../../src/settlement/statements/statement-comparison.js';
import type { StatementView } from '../../src/settlement/statements/statement-service.js';
import { after, startBody, startPair, type Pair, type Side } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

/** Last month: its cut-off (40 days after its end) has not passed, so CDRs recorded now still belong to it. */
const LAST_MONTH = DateTime.utc().minus({ months: 1 }).startOf('month');
const PERIOD = LAST_MONTH.toFormat('yyyy-MM');
const THIS_MONTH = DateTime.utc().toFormat('yyyy-MM');

describe.each(backends)('statements and disputes on $name', (backend) => {
  let pair: Pair;
  const cdrs: CDR[] = [];

  async function chargeAtCpo(day: number): Promise<CDR> {
    const start = LAST_MONTH.plus({ days: day - 1, hours: 9 }).toISO()!;
    const started = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(start))).body;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${started.id}/meter`, { at: after(start, 30), meter_kwh: 1010 });
    return (await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.id}/stop`, { at: after(start, 60), meter_kwh: 1020 })).body.cdr;
  }
  const build = async (side: Side, party: string, counterpart: string, period = PERIOD) => side.api<StatementView>('POST', '/settlement/statements', { party, counterpart, period });
  const csvOf = async (side: Side, id: string) => (await side.service.app.inject({ method: 'GET', url: `/api/settlement/statements/${id}/csv`, headers: { authorization: 'Bearer sessions-test-admin-token' } })).body;
  const compare = async (side: Side, id: string, csv: string) =>
    side.service.app.inject({ method: 'POST', url: `/api/settlement/statements/${id}/partner-statement`, headers: { authorization: 'Bearer sessions-test-admin-token', 'content-type': 'text/csv' }, payload: csv });

  beforeAll(async () => {
    pair = await startPair(backend);
    expect((await pair.cpo.api('PUT', '/settlement/agreements/NL-CPO/DE-MSP', { cutoff_days: 40, hub_fee_per_session: 0.1, transaction_fee_percent: 1 })).status).toBe(200);
    expect((await pair.emsp.api('PUT', '/settlement/agreements/DE-MSP/NL-CPO', { cutoff_days: 40, invoicing: 'SELF_BILLING' })).status).toBe(200);
    for (const day of [3, 10, 17]) cdrs.push(await chargeAtCpo(day));
    await pair.cpo.deliver();
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  it('keeps an agreement per partner, with defaults for what is not set, and refuses bad values naming the field', async () => {
    const agreement = (await pair.cpo.api<Record<string, unknown>>('GET', '/settlement/agreements/NL-CPO/DE-MSP')).body;
    expect(agreement).toMatchObject({ role: 'CPO', stored: true, invoicing: 'CPO_INVOICES', period: 'MONTHLY', currency: 'EUR', cutoff_days: 40, hub_fee_per_session: 0.1, transaction_fee_percent: 1, payment_terms_days: 30 });
    expect((await pair.cpo.api<Record<string, unknown>>('GET', '/settlement/agreements/NL-CPO/BE-XYZ')).body).toMatchObject({ stored: false, cutoff_days: 5 });
    const bad = await pair.cpo.api<{ error: { field: string } }>('PUT', '/settlement/agreements/NL-CPO/DE-MSP', { cutoff_days: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('cutoff_days');
    expect((await pair.cpo.api('PUT', '/settlement/agreements/XX-NOP/DE-MSP', {})).status).toBe(404);
  });

  it('builds a statement per side with one line per CDR and its totals, and both sides agree line by line', async () => {
    const ours = await build(pair.cpo, 'NL-CPO', 'DE-MSP');
    expect(ours.status).toBe(201);
    expect(ours.body).toMatchObject({ party: 'NL-CPO', counterpart: 'DE-MSP', role: 'CPO', period: PERIOD, status: 'DRAFT', currency: 'EUR' });
    expect(ours.body.lines!.map((l) => l.cdr_id)).toEqual(cdrs.map((c) => c.id));
    const each = cdrs[0]!.total_cost.excl_vat;
    expect(ours.body.totals).toMatchObject({ lines: 3, sessions: 3, gross: String(3 * each), credits: '0', disputed: '0', vat_by_country: { NLD: expect.any(String) } });
    // 0.10 per session and 1 % of gross.
    expect(Number(ours.body.totals.fees)).toBeCloseTo(0.3 + 0.03 * each, 4);

    const theirs = await build(pair.emsp, 'DE-MSP', 'NL-CPO');
    expect(theirs.body.lines!.map((l) => l.cdr_id)).toEqual(cdrs.map((c) => c.id));
    const comparison = JSON.parse((await compare(pair.emsp, theirs.body.id, await csvOf(pair.cpo, ours.body.id))).body) as Comparison;
    expect(comparison).toMatchObject({ our_lines: 3, their_lines: 3, matched: 3, agreed: true, differences: [] });

    // Building again rebuilds the draft: same statement, same lines.
    const again = await build(pair.cpo, 'NL-CPO', 'DE-MSP');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(ours.body.id);
  });

  it('exports CSV a spreadsheet opens as is: a header row, one line per CDR, decimal points, ISO dates', async () => {
    const [statement] = (await pair.cpo.api<StatementView[]>('GET', '/settlement/statements?party=NL-CPO')).body;
    const csv = await csvOf(pair.cpo, statement!.id);
    const rows = csv.trimEnd().split('\r\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(['statement_id', 'party', 'counterpart', 'period', 'cdr_id', 'session_id', 'credit', 'credit_reference_id', 'start_date_time', 'end_date_time', 'recorded_at', 'country', 'evse_id', 'energy_kwh', 'currency', 'total_excl_vat', 'vat', 'total_incl_vat', 'late', 'disputed']);
    expect(rows).toHaveLength(4);
    const first = Object.fromEntries(rows[0]!.map((column, i) => [column, rows[1]![i]]));
    expect(first).toMatchObject({ cdr_id: cdrs[0]!.id, country: 'NLD', currency: 'EUR', credit: 'false', late: 'false', total_excl_vat: String(cdrs[0]!.total_cost.excl_vat), start_date_time: new Date(cdrs[0]!.start_date_time).toISOString() });
    expect(first.total_incl_vat).toMatch(/^\d+\.\d+$/);
    expect(first.end_date_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('lists every difference with the partner statement, and refuses a malformed one with line and column, keeping nothing of it', async () => {
    const statement = (await pair.emsp.api<StatementView[]>('GET', '/settlement/statements?party=DE-MSP')).body[0]!;
    const partner = ['cdr_id,total_excl_vat,energy_kwh,currency', `${cdrs[0]!.id},9.99,${cdrs[0]!.total_energy},EUR`, `${cdrs[1]!.id},${cdrs[1]!.total_cost.excl_vat},1,EUR`, 'NOT-OURS,1.00,1,EUR'].join('\n');
    const comparison = JSON.parse((await compare(pair.emsp, statement.id, partner)).body) as Comparison;
    expect(comparison.agreed).toBe(false);
    expect(comparison.matched).toBe(0);
    expect(comparison.differences).toEqual([
      { cdr_id: cdrs[0]!.id, kind: 'total_excl_vat', line: 2, ours: cdrs[0]!.total_cost.excl_vat, theirs: 9.99 },
      { cdr_id: cdrs[1]!.id, kind: 'energy_kwh', line: 3, ours: cdrs[1]!.total_energy, theirs: 1 },
      { cdr_id: cdrs[2]!.id, kind: 'only_ours', ours: { total_excl_vat: cdrs[2]!.total_cost.excl_vat } },
      { cdr_id: 'NOT-OURS', kind: 'only_theirs', line: 4, theirs: { total_excl_vat: 1 } },
    ]);

    for (const [csv, where] of [
      [`cdr_id,total_excl_vat\n${cdrs[0]!.id},"3,30"`, /line 2, column 2 \(total_excl_vat\): "3,30" is not a decimal number/],
      [`cdr_id,total_excl_vat\n${cdrs[0]!.id},3.30,extra`, /line 2, column 3: expected 2 columns/],
      ['cdr_id,amount\nX,1', /line 1, column 3: the header names no total_excl_vat column/],
      [`cdr_id,total_excl_vat\nA,1\nA,2`, /line 3, column 1 \(cdr_id\): CDR A is already on line 2/],
      [`cdr_id,total_excl_vat\n"A,1`, /line 2, column 1: a quoted value is never closed/],
    ] as const) {
      const refused = await compare(pair.emsp, statement.id, csv);
      expect(refused.statusCode).toBe(400);
      expect(JSON.parse(refused.body).error.message).toMatch(where);
    }
    expect((await pair.emsp.api<StatementView>('GET', `/settlement/statements/${statement.id}`)).body.partner_comparison).toMatchObject({ differences: comparison.differences });
  });

  it('holds a disputed CDR apart; the CPO accepting the dispute credits it through OCPI, and both statements agree again', async () => {
    const disputed = cdrs[0]!;
    const opened = await pair.emsp.api<DisputeView>('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: disputed.id, reason: 'charged for parking the driver did not do', note: 'driver complaint' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'OPEN', role: 'EMSP', cdr_id: disputed.id, session_id: disputed.session_id, amount_claimed: disputed.total_cost.excl_vat, currency: 'EUR', age_days: 0 });
    expect((await pair.emsp.api('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: disputed.id, reason: 'again' })).status).toBe(409);
    expect((await pair.emsp.api<{ error: { field: string } }>('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: disputed.id })).body.error.field).toBe('reason');
    expect((await pair.emsp.api<{ error: { field: string } }>('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: 'NOPE', reason: 'x' })).body.error.field).toBe('cdr_id');

    const held = (await build(pair.emsp, 'DE-MSP', 'NL-CPO')).body;
    expect(held.totals).toMatchObject({ disputed: String(disputed.total_cost.excl_vat), disputed_lines: 1, sessions: 2 });
    expect(held.lines!.find((l) => l.cdr_id === disputed.id)!.disputed).toBe(true);

    // The CPO takes the dispute on and accepts it: a credit CDR goes to the eMSP.
    const atCpo = (await pair.cpo.api<DisputeView>('POST', '/settlement/disputes', { party: 'NL-CPO', counterpart: 'DE-MSP', cdr_id: disputed.id, reason: 'eMSP dispute: parking' })).body;
    const accepted = await pair.cpo.api<DisputeView>('POST', `/settlement/disputes/${atCpo.id}/accept`, { note: 'parking was charged by mistake' });
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', credit_cdr_id: `${disputed.id}-C` });
    expect(accepted.body.events!.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
      ['OPENED', null, 'OPEN'],
      ['ACCEPTED', 'OPEN', 'ACCEPTED'],
    ]);
    expect((await pair.cpo.api('POST', `/settlement/disputes/${atCpo.id}/reject`, {})).status).toBe(409);
    await pair.cpo.deliver();
    const closed = await pair.emsp.api<DisputeView>('POST', `/settlement/disputes/${opened.body.id}/accept`, { note: 'credit CDR received' });
    expect(closed.body.events!.map((e) => e.note)).toEqual(['driver complaint', 'credit CDR received']);

    const ours = (await build(pair.cpo, 'NL-CPO', 'DE-MSP')).body;
    const theirs = (await build(pair.emsp, 'DE-MSP', 'NL-CPO')).body;
    for (const statement of [ours, theirs]) {
      // Lines run in order of session end; the credit follows the CDR it cancels.
      expect(statement.lines!.map((l) => [l.cdr_id, l.credit])).toEqual([[disputed.id, false], [`${disputed.id}-C`, true], ...cdrs.slice(1).map((c) => [c.id, false])]);
      expect(statement.totals).toMatchObject({ disputed: '0', credits: String(-disputed.total_cost.excl_vat), gross: String(3 * disputed.total_cost.excl_vat) });
    }
    expect(JSON.parse((await compare(pair.emsp, theirs.id, await csvOf(pair.cpo, ours.id))).body)).toMatchObject({ agreed: true, matched: 4 });
    expect((await pair.emsp.api<DisputeView[]>('GET', '/settlement/disputes?status=ACCEPTED')).body).toHaveLength(1);
  });

  it('issues and settles a statement, after which it never changes; a CDR of the period recorded after issue goes late to the next one', async () => {
    const statement = (await pair.cpo.api<StatementView[]>('GET', '/settlement/statements?party=NL-CPO&status=DRAFT')).body[0]!;
    const issued = await pair.cpo.api<StatementView>('POST', `/settlement/statements/${statement.id}/issue`);
    expect(issued.body.status).toBe('ISSUED');
    expect(Date.parse(issued.body.cutoff_at)).toBeLessThanOrEqual(Date.now());
    expect((await build(pair.cpo, 'NL-CPO', 'DE-MSP')).status).toBe(409);
    expect((await pair.cpo.api('POST', `/settlement/statements/${statement.id}/issue`)).status).toBe(409);

    const theirs = (await pair.emsp.api<StatementView[]>('GET', '/settlement/statements?party=DE-MSP&status=DRAFT')).body[0]!;
    expect((await pair.emsp.api<StatementView>('POST', `/settlement/statements/${theirs.id}/issue`)).body.status).toBe('ISSUED');

    const late = await chargeAtCpo(20);
    await pair.cpo.deliver();
    for (const [side, party, counterpart] of [[pair.cpo, 'NL-CPO', 'DE-MSP'], [pair.emsp, 'DE-MSP', 'NL-CPO']] as const) {
      const next = (await build(side, party, counterpart, THIS_MONTH)).body;
      expect(next.lines!.map((l) => [l.cdr_id, l.late])).toEqual([[late.id, true]]);
    }
    expect((await pair.cpo.api<StatementView>('GET', `/settlement/statements/${statement.id}`)).body.lines!.map((l) => l.cdr_id)).not.toContain(late.id);

    // The eMSP's reconciliation reports the CDR that came after its period closed, once.
    const settlement = pair.emsp.service.modules.find((m) => m.name === 'settlement') as unknown as { reconciliation: { run(o: object): Promise<unknown> } };
    await settlement.reconciliation.run({ since: LAST_MONTH.toJSDate() });
    await settlement.reconciliation.run({ since: LAST_MONTH.toJSDate() });
    const findings = (await pair.emsp.api<Array<{ type: string; cdr_id: string; amount_at_risk: number; evidence: { statement_id: string } }>>('GET', '/reconciliation/findings')).body.filter((f) => f.type === 'late_cdr');
    expect(findings).toEqual([expect.objectContaining({ cdr_id: late.id, amount_at_risk: late.total_cost.excl_vat, evidence: expect.objectContaining({ statement_id: theirs.id }) })]);

    const settled = await pair.cpo.api<StatementView>('POST', `/settlement/statements/${statement.id}/settle`);
    expect(settled.body).toMatchObject({ status: 'SETTLED', settled_at: expect.any(String) });
    expect((await pair.cpo.api('POST', `/settlement/statements/${statement.id}/settle`)).status).toBe(409);
    expect((await pair.cpo.api('POST', '/settlement/statements', { party: 'NL-CPO', counterpart: 'DE-MSP', period: '2026-W10' })).status).toBe(400);
  });

  it('reports revenue from the statements: the CPO gross and net, the eMSP retail revenue, roaming cost and margin, each by partner, location and period', async () => {
    const each = cdrs[0]!.total_cost.excl_vat;
    const window = `from=${LAST_MONTH.toISODate()}&to=${LAST_MONTH.plus({ months: 1 }).toISODate()}`;
    const cpo = (await pair.cpo.api<{ currencies: Record<string, { totals: Record<string, unknown>; by_partner: object; by_location: object; by_period: object }> }>('GET', `/settlement/revenue?party=NL-CPO&${window}`)).body;
    const gross = 3 * each;
    const fees = 3 * 0.1 + gross / 100;
    expect(cpo.currencies.EUR!.totals).toEqual({ sessions: 3, gross: String(gross), credits: String(-each), written_off: '0', fees: String(Math.round(fees * 10_000) / 10_000), net: String(Math.round((gross - each - fees) * 10_000) / 10_000) });
    expect(Object.keys(cpo.currencies.EUR!.by_partner)).toEqual(['DE-MSP']);
    expect(Object.keys(cpo.currencies.EUR!.by_location)).toEqual(['LOC-1']);
    expect(Object.keys(cpo.currencies.EUR!.by_period)).toEqual([PERIOD]);

    const twoMonths = `from=${LAST_MONTH.toISODate()}&to=${LAST_MONTH.plus({ months: 2 }).toISODate()}`;
    type EmspFigures = { sessions: number; retail_revenue: string; roaming_cost: string; fees: string; margin: string };
    const emsp = (await pair.emsp.api<{ currencies: Record<string, { totals: EmspFigures; by_partner: Record<string, EmspFigures>; by_location: Record<string, EmspFigures>; by_period: Record<string, EmspFigures> }> }>('GET', `/settlement/revenue?party=DE-MSP&${twoMonths}`)).body;
    const eur = emsp.currencies.EUR!;
    // Three CDRs of last month, one credited, and the late one on this month's statement.
    expect(eur.totals.sessions).toBe(4);
    expect(Number(eur.totals.roaming_cost)).toBeCloseTo(3 * each, 4);
    // What the drivers paid for the same CDRs: the eMSP's retail lines (one per accepted CDR, credits negative).
    const retail = (await pair.emsp.api<Array<{ cdr_id: string; net: number }>>('GET', '/parties/DE-MSP/retail-lines?limit=100')).body;
    expect(retail).toHaveLength(5);
    const retailTotal = retail.reduce((sum, line) => sum + Number(line.net), 0);
    expect(Number(eur.totals.retail_revenue)).toBeCloseTo(retailTotal, 4);
    expect(Number(eur.totals.margin)).toBeCloseTo(Number(eur.totals.retail_revenue) - Number(eur.totals.roaming_cost) - Number(eur.totals.fees), 4);
    expect(Object.keys(eur.by_partner)).toEqual(['NL-CPO']);
    expect(eur.by_partner['NL-CPO']).toEqual(eur.totals);
    expect(eur.by_location['LOC-1']).toEqual(eur.totals);
    expect(Object.keys(eur.by_period)).toEqual([PERIOD, THIS_MONTH]);
    expect(eur.by_period[THIS_MONTH]).toMatchObject({ sessions: 1, roaming_cost: String(each) });
    expect(Number(eur.by_period[PERIOD]!.retail_revenue) + Number(eur.by_period[THIS_MONTH]!.retail_revenue)).toBeCloseTo(Number(eur.totals.retail_revenue), 4);
    expect((await pair.cpo.api<{ error: { field: string } }>('GET', '/settlement/revenue?party=NL-CPO&from=2026-01-01')).body.error.field).toBe('to');
  });

  it('opens a dispute on a reconciliation finding with its amount, and it can be withdrawn', async () => {
    await pair.emsp.ocpi('PUT', 'receiver/sessions/NL/CPO/NO-CDR-X', pair.cpoToken, {
      ...(startBody(LAST_MONTH.plus({ days: 1 }).toISO()!) as object),
      country_code: 'NL',
      party_id: 'CPO',
      id: 'NO-CDR-X',
      start_date_time: LAST_MONTH.plus({ days: 1 }).toISO(),
      end_date_time: LAST_MONTH.plus({ days: 1, hours: 1 }).toISO(),
      kwh: 5,
      auth_method: 'WHITELIST',
      location_id: 'LOC-1',
      evse_uid: 'EVSE-1',
      connector_id: '1',
      currency: 'EUR',
      total_cost: { excl_vat: 2.5 },
      status: 'COMPLETED',
      last_updated: LAST_MONTH.plus({ days: 1, hours: 1 }).toISO(),
    });
    const settlement = pair.emsp.service.modules.find((m) => m.name === 'settlement') as unknown as { reconciliation: { run(o: object): Promise<unknown> } };
    await settlement.reconciliation.run({ since: LAST_MONTH.toJSDate() });
    const finding = (await pair.emsp.api<Array<{ id: string; session_id: string }>>('GET', '/reconciliation/findings')).body.find((f) => f.session_id === 'NO-CDR-X')!;
    const dispute = await pair.emsp.api<DisputeView>('POST', '/settlement/disputes', { party: 'DE-MSP', finding_id: finding.id, reason: 'no CDR: nothing owed' });
    expect(dispute.body).toMatchObject({ finding_id: finding.id, session_id: 'NO-CDR-X', cdr_id: null, counterpart: 'NL-CPO', amount_claimed: 2.5 });
    const withdrawn = await pair.emsp.api<DisputeView>('POST', `/settlement/disputes/${dispute.body.id}/withdraw`, {});
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', closed_at: expect.any(String) });
  });
});
