import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCdr } from '../../src/cpo/cdrs/credit-cdr.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import { issuedCdr } from '../cdrs/support.js';
import { startPair, TOKEN, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface Line {
  cdr_id: string;
  credit: boolean;
  plan_id: string | null;
  model: string;
  channel: string;
  group_id: string | null;
  currency: string;
  gross: number;
  net: number;
  vat_percent: number;
  vat_amount: number;
  vat_source: string;
  cpo_cost: number;
  margin: number;
  energy_kwh: number;
}

const GROUPED = { uid: 'AABBCCDD', type: 'RFID', contract_id: 'DEMSPC00000002', group_id: 'FLEET-1' };
const OWN_PLAN = { uid: '11223344', type: 'RFID', contract_id: 'DEMSPC00000003' };

/** issuedCdr (3.30 excl. VAT: 6 kWh, one hour, in the Netherlands) for another token of ours. */
function cdrFor(id: string, token: { uid: string; contract_id: string } = TOKEN): CDR {
  const cdr = issuedCdr(id);
  return { ...cdr, cdr_token: { ...cdr.cdr_token, uid: token.uid, contract_id: token.contract_id } };
}

describe.each(backends)('retail pricing at the eMSP on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
    for (const token of [GROUPED, OWN_PLAN]) {
      const issued = await pair.emsp.api('POST', '/parties/DE-MSP/tokens', token);
      if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
    }
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const post = async (cdr: CDR) => {
    const reply = await pair.emsp.ocpi('POST', 'receiver/cdrs', pair.cpoToken, cdr);
    expect(reply.body.status_code, reply.body.status_message).toBe(1000);
    return reply;
  };
  const plans = (body?: unknown, method = 'POST', path = '') => pair.emsp.api<Record<string, unknown>>(method, `/parties/DE-MSP/retail-plans${path}`, body);
  const lines = async (query = '') => (await pair.emsp.api<Line[]>('GET', `/parties/DE-MSP/retail-lines${query}`)).body;
  const lineOf = async (id: string) => (await lines()).find((l) => l.cdr_id === id)!;

  it('refuses plans that miss or mix fields, naming the field, and keeps one plan per audience', async () => {
    const refused: Array<[unknown, string]> = [
      [{ scope: 'PARTNER', model: 'MARKUP_PERCENT', markup_percent: 20 }, 'partner'],
      [{ scope: 'PARTNER', partner: 'NL-CPOX', model: 'PASS_THROUGH' }, 'partner'],
      [{ scope: 'DEFAULT', model: 'MARKUP_PERCENT' }, 'markup_percent'],
      [{ scope: 'DEFAULT', model: 'PASS_THROUGH', markup_percent: 5 }, 'markup_percent'],
      [{ scope: 'DEFAULT', model: 'WHOLESALE_TO_RETAIL' }, 'price_per_kwh'],
      [{ scope: 'DEFAULT', model: 'WHOLESALE_TO_RETAIL', price_per_kwh: 0.4 }, 'currency'],
      [{ scope: 'GROUP', group_id: 'FLEET-1', partner: 'NL-CPO', model: 'PASS_THROUGH' }, 'partner'],
      [{ scope: 'TOKEN', token_uid: '11223344', model: 'PASS_THROUGH' }, 'token_type'],
      [{ scope: 'DEFAULT', model: 'MARKUP_PERCENT', markup_percent: 'ten' }, 'markup_percent'],
      [{ scope: 'DEFAULT', model: 'PASS_THROUGH', vat_percent: 120 }, 'vat_percent'],
    ];
    for (const [body, field] of refused) {
      const reply = await plans(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect((reply.body as { error: { field?: string } }).error.field, JSON.stringify(reply.body)).toBe(field);
    }
    expect((await plans(undefined, 'GET')).body).toEqual([]);
    expect((await pair.emsp.api('POST', '/parties/NL-CPO/retail-plans', { scope: 'DEFAULT', model: 'PASS_THROUGH' })).status).toBe(404);

    expect((await plans({ id: 'BASE', scope: 'DEFAULT', model: 'PASS_THROUGH' })).status).toBe(201);
    expect((await plans({ id: 'base', scope: 'DEFAULT', model: 'MARKUP_PERCENT', markup_percent: 5, channel: 'DIRECT' })).status).toBe(409);
    const twin = await plans({ id: 'OTHER', scope: 'DEFAULT', model: 'MARKUP_PERCENT', markup_percent: 5 });
    expect(twin.status).toBe(409);
    expect(JSON.stringify(twin.body)).toMatch(/plan BASE already prices this audience/);
    expect((await plans(undefined, 'DELETE', '/BASE')).status).toBe(200);
    expect((await plans(undefined, 'DELETE', '/BASE')).status).toBe(404);
  });

  it('gives each accepted CDR a retail line priced by the most specific plan: token, group, partner, default', async () => {
    // No plan: the CPO's 3.30 passed through with Dutch VAT, 3.993 charged as 3.99.
    await post(cdrFor('PASS-1'));
    expect(await lineOf('PASS-1')).toMatchObject({ plan_id: null, model: 'PASS_THROUGH', channel: 'ROAMING', currency: 'EUR', cpo_cost: 3.3, gross: 3.99, vat_percent: 21, vat_source: 'COUNTRY', vat_amount: 0.6925, net: 3.2975, margin: -0.0025, energy_kwh: 6 });

    for (const plan of [
      { id: 'DEFAULT-50', scope: 'DEFAULT', model: 'MARKUP_PERCENT', markup_percent: 50 },
      { id: 'NL-CPO-20', scope: 'PARTNER', partner: 'nl-cpo', model: 'MARKUP_PERCENT', markup_percent: 20 },
      // Our own charge points only: NL-CPO is a roaming partner here, so this never applies.
      { id: 'NL-CPO-DIRECT', scope: 'PARTNER', partner: 'NL-CPO', channel: 'DIRECT', model: 'PASS_THROUGH' },
      { id: 'FLEET', scope: 'GROUP', group_id: 'fleet-1', model: 'MARKUP_PERCENT', markup_percent: 10, currency: 'EUR', fee_per_kwh: 0.02 },
      { id: 'VIP', scope: 'TOKEN', token_uid: '11:22:33:44', token_type: 'RFID', model: 'WHOLESALE_TO_RETAIL', currency: 'EUR', price_per_kwh: 0.45, price_per_minute: 0.05, fee_per_session: 0.35, vat_percent: 19 },
    ]) {
      const created = await plans(plan);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    expect((await plans(undefined, 'GET')).body).toHaveLength(5);

    await post(cdrFor('PARTNER-1'));
    await post(cdrFor('GROUP-1', GROUPED));
    await post(cdrFor('TOKEN-1', OWN_PLAN));
    // 3.30 × 1.2 = 3.96 → 4.79 incl. 21 %; the VAT in it 0.8313; margin 0.6587.
    expect(await lineOf('PARTNER-1')).toMatchObject({ plan_id: 'NL-CPO-20', model: 'MARKUP_PERCENT', gross: 4.79, vat_amount: 0.8313, net: 3.9587, margin: 0.6587 });
    // 3.30 × 1.1 + 6 × 0.02 = 3.75 → 4.5375 → 4.54.
    expect(await lineOf('GROUP-1')).toMatchObject({ plan_id: 'FLEET', group_id: 'FLEET-1', gross: 4.54, vat_amount: 0.7879, margin: 0.4521 });
    // 6 × 0.45 + 60 × 0.05 + 0.35 = 6.05 at the plan's 19 %: 7.1995 → 7.20.
    expect(await lineOf('TOKEN-1')).toMatchObject({ plan_id: 'VIP', model: 'WHOLESALE_TO_RETAIL', vat_source: 'PLAN', vat_percent: 19, gross: 7.2, vat_amount: 1.1496, net: 6.0504, margin: 2.7504 });

    expect((await plans(undefined, 'DELETE', '/NL-CPO-20')).status).toBe(200);
    await post(cdrFor('DEFAULT-1'));
    // 3.30 × 1.5 = 4.95 → 5.9895 → 5.99.
    expect(await lineOf('DEFAULT-1')).toMatchObject({ plan_id: 'DEFAULT-50', gross: 5.99, margin: 1.6504 });

    // A credit undoes its session's line with that line's plan, though the plan is gone now.
    await post(creditCdr(cdrFor('PARTNER-1'), new Date()));
    expect(await lineOf('PARTNER-1-C')).toMatchObject({ credit: true, plan_id: 'NL-CPO-20', gross: -4.79, vat_amount: -0.8313, cpo_cost: -3.3, margin: -0.6587, energy_kwh: -6 });

    // The same CDR again is acknowledged, and priced once.
    await post(cdrFor('DEFAULT-1'));
    expect((await lines()).filter((l) => l.cdr_id === 'DEFAULT-1')).toHaveLength(1);
  });

  it('reports revenue per currency over a window of session end, and pages the lines for billing', async () => {
    const summary = (await pair.emsp.api<unknown[]>('GET', '/parties/DE-MSP/retail-lines/summary?date_from=2025-03-01T00:00:00Z&date_to=2025-04-01T00:00:00Z')).body;
    // 3.99 + 4.79 + 4.54 + 7.20 + 5.99 − 4.79; margins and VAT likewise; each adds up to CPO cost + margin + VAT.
    expect(summary).toEqual([{ currency: 'EUR', lines: 6, gross: 21.72, net: 18.0504, vat_amount: 3.6696, cpo_cost: 13.2, margin: 4.8504, energy_kwh: 24 }]);
    expect(await pair.emsp.api('GET', '/parties/DE-MSP/retail-lines/summary?date_from=2025-04-01T00:00:00Z')).toMatchObject({ body: [] });

    const page = await pair.emsp.api<Line[]>('GET', '/parties/DE-MSP/retail-lines?offset=1&limit=2');
    expect(page.headers['x-total-count']).toBe('6');
    expect(page.body.map((l) => l.cdr_id)).toEqual(['PARTNER-1', 'GROUP-1']);
    expect(await lines('?date_from=2025-03-05T00:00:00Z')).toEqual([]);
    expect((await pair.emsp.api('GET', '/parties/DE-MSP/retail-lines?date_from=yesterday')).status).toBe(400);
  });
});
