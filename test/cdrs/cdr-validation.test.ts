import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditCdr } from '../../src/cpo/cdrs/credit-cdr.js';
import { findCdrProblems } from '../../src/emsp/cdrs/cdr-validation.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import { TARIFF, TOKEN } from '../sessions/pair.js';
import { issuedCdr } from './support.js';

const RECEIVER = { countryCode: 'DE', partyId: 'MSP' };
const spec = JSON.parse(readFileSync(new URL('../fixtures/ocpi/2.2.1/cdr.json', import.meta.url), 'utf8')) as CDR;

const issued = () => issuedCdr();

const fields = (cdr: CDR) => findCdrProblems(cdr, RECEIVER).map((p) => p.field);

describe('CDR validation at the eMSP', () => {
  it("accepts our CPO's CDRs, their credits, and another CPO's CDR rounded to cents", () => {
    expect(findCdrProblems(issued(), RECEIVER)).toEqual([]);
    expect(findCdrProblems(creditCdr(issued(), new Date()), RECEIVER)).toEqual([]);
    expect(findCdrProblems(spec, RECEIVER)).toEqual([]);
  });

  it('refuses a total that is not the sum of its parts, but not one that only re-pricing the periods does not give (that is flagged)', () => {
    expect(fields({ ...issued(), total_cost: { excl_vat: 2.5, incl_vat: 3.025 } })).toEqual(['total_cost.excl_vat', 'total_cost.incl_vat']);
    // Parts and total agree with each other, but not with the tariff applied to the periods.
    expect(fields({ ...issued(), total_energy_cost: { excl_vat: 2.8 }, total_cost: { excl_vat: 4.3, incl_vat: 3.993 } })).toEqual([]);
    const { total_fixed_cost: _f, total_energy_cost: _e, total_time_cost: _t, total_parking_cost: _p, total_reservation_cost: _r, ...bare } = issued();
    expect(fields({ ...bare, total_cost: { excl_vat: 9 } })).toEqual([]);
  });

  it("lets the tariff's max_price cap the total below its parts, and min_price lift it", () => {
    const capped = { ...issued(), tariffs: [{ ...(TARIFF as Tariff), max_price: { excl_vat: 3 } }] };
    expect(fields({ ...capped, total_cost: { excl_vat: 3 } })).toEqual([]);
    expect(fields({ ...capped, total_cost: { excl_vat: 2.5 } })).toContain('total_cost.excl_vat');
    const lifted = { ...issued(), tariffs: [{ ...(TARIFF as Tariff), min_price: { excl_vat: 5 } }], total_cost: { excl_vat: 5 } };
    expect(fields(lifted)).toEqual([]);
  });

  it('checks against the periods only where a price is computable without the local clock', () => {
    const tariff = { ...(TARIFF as Tariff), elements: [{ ...TARIFF.elements[0]!, restrictions: { start_time: '08:00', end_time: '18:00' } }] } as Tariff;
    // The CdrLocation has no time zone, so a time-of-day tariff is not re-priced; the sum still is.
    expect(fields({ ...issued(), tariffs: [tariff], total_energy_cost: { excl_vat: 2.8 }, total_cost: { excl_vat: 4.3, incl_vat: 5.203 } })).toEqual([]);
  });

  it('refuses impossible times and energy', () => {
    expect(fields({ ...issued(), end_date_time: issued().start_date_time })).toContain('end_date_time');
    expect(fields({ ...issued(), total_time: 2 })).toContain('total_time');
    expect(fields({ ...issued(), total_energy: -6 })).toContain('total_energy');
    // 6000 "kWh" in an hour on AC: sent in Wh.
    const inWh = issued();
    inWh.total_energy = 6000;
    inWh.charging_periods = inWh.charging_periods.map((p) => ({ ...p, dimensions: p.dimensions.map((d) => (d.type === 'ENERGY' ? { ...d, volume: d.volume * 1000 } : d)) }));
    expect(findCdrProblems(inWh, RECEIVER).find((p) => p.field === 'total_energy')?.reason).toMatch(/more than a AC_3_PHASE connector delivers .*Wh\?/);
    expect(fields({ ...issued(), total_energy: 7 })).toEqual(['total_energy']);
    expect(fields({ ...issued(), charging_periods: [{ ...issued().charging_periods[0]!, start_date_time: '2025-03-04T08:00:00.000Z' }, issued().charging_periods[1]!] })).toContain('charging_periods[0].start_date_time');
  });

  it('refuses CDRs for another eMSP, odd currencies and inconsistent credit fields', () => {
    expect(fields({ ...issued(), cdr_token: { ...TOKEN, party_id: 'XXX' } })).toEqual(['cdr_token.party_id']);
    expect(fields({ ...issued(), currency: 'eur', tariffs: [{ ...(TARIFF as Tariff), currency: 'eur' }] })).toEqual(['currency']);
    expect(fields({ ...issued(), tariffs: [{ ...(TARIFF as Tariff), currency: 'USD' }] })).toContain('tariffs[0].currency');
    expect(fields({ ...creditCdr(issued(), new Date()), credit_reference_id: undefined })).toEqual(['credit_reference_id']);
    expect(fields({ ...issued(), credit_reference_id: 'S-0' })).toEqual(['credit']);
    expect(fields({ ...issued(), credit: true, credit_reference_id: 'S-0' })).toContain('total_cost.excl_vat');
  });
});
