import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectPlan, type Audience, type CandidatePlan } from '../../src/emsp/retail/plan-selection.js';
import { retailAmounts } from '../../src/emsp/retail/retail-price.js';
import { standardVatPercent } from '../../src/emsp/retail/vat-rates.js';
import type { RetailPlan } from '../../src/store/tables/retail-tables.js';

// The CDR of test/cdrs/support.ts: 3.30 excl. VAT for 6 kWh in one hour.
const SESSION = { cpoCost: 3.3, energyKwh: 6, timeHours: 1 };
const NL = { percent: 21, source: 'COUNTRY' as const };
const plan = (fields: Partial<RetailPlan>): RetailPlan => ({ id: 'P', scope: 'DEFAULT', model: 'PASS_THROUGH', ...fields });

describe('retail amounts', () => {
  it('passes the CPO cost through, adding the VAT of the country of charging, the gross in cents', () => {
    // 3.30 × 1.21 = 3.993 → 3.99; its VAT 3.99 × 21/121 = 0.6925; the cent of rounding is the margin.
    expect(retailAmounts(null, SESSION, NL, false)).toEqual({ cpo_cost: '3.3', net: '3.2975', vat_percent: '21', vat_amount: '0.6925', gross: '3.99', margin: '-0.0025' });
  });

  it('marks the CPO cost up by a percentage', () => {
    // 3.30 × 1.20 = 3.96; × 1.21 = 4.7916 → 4.79; VAT 0.8313; net 3.9587; margin 0.6587.
    expect(retailAmounts(plan({ model: 'MARKUP_PERCENT', markup_percent: 20 }), SESSION, NL, false)).toEqual({ cpo_cost: '3.3', net: '3.9587', vat_percent: '21', vat_amount: '0.8313', gross: '4.79', margin: '0.6587' });
  });

  it('replaces the CPO prices with its own per kWh, per minute and per session, and adds fees on top', () => {
    // 6 × 0.45 + 60 × 0.05 + 0.10 + fee 0.25 + 6 × 0.02 = 2.70 + 3.00 + 0.10 + 0.25 + 0.12 = 6.17; at 19 %: 7.3423 → 7.34.
    const wholesale = plan({ model: 'WHOLESALE_TO_RETAIL', currency: 'EUR', price_per_kwh: 0.45, price_per_minute: 0.05, price_per_session: 0.1, fee_per_session: 0.25, fee_per_kwh: 0.02 });
    expect(retailAmounts(wholesale, SESSION, { percent: 19, source: 'PLAN' }, false)).toEqual({ cpo_cost: '3.3', net: '6.1681', vat_percent: '19', vat_amount: '1.1719', gross: '7.34', margin: '2.8681' });
  });

  it('negates a credit, so it undoes the line of the session it credits', () => {
    const markup = plan({ model: 'MARKUP_PERCENT', markup_percent: 20 });
    const session = retailAmounts(markup, SESSION, NL, false);
    const credit = retailAmounts(markup, SESSION, NL, true);
    for (const field of ['cpo_cost', 'net', 'vat_amount', 'gross', 'margin'] as const) expect(new Decimal(credit[field]).plus(session[field]).isZero()).toBe(true);
    expect(credit.gross).toBe('-4.79');
  });

  it('always adds up: gross in cents = CPO cost + margin + VAT, exactly', () => {
    const arbitraryPlan = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -50, max: 300 }).map((p) => plan({ model: 'MARKUP_PERCENT', markup_percent: p })),
      fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 500 })).map(([kwh, minute, fee]) =>
        plan({ model: 'WHOLESALE_TO_RETAIL', currency: 'EUR', price_per_kwh: kwh / 1000, price_per_minute: minute / 100, fee_per_session: fee / 100 }),
      ),
    );
    fc.assert(
      fc.property(arbitraryPlan, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 270 }), fc.boolean(), (p, costTenThousandths, wh, vatTenths, credit) => {
        const amounts = retailAmounts(p, { cpoCost: costTenThousandths / 10_000, energyKwh: wh / 1000, timeHours: 1.5 }, { percent: vatTenths / 10, source: 'PLAN' }, credit);
        const gross = new Decimal(amounts.gross);
        expect(gross.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(new Decimal(amounts.cpo_cost).plus(amounts.margin).plus(amounts.vat_amount).equals(gross)).toBe(true);
        expect(new Decimal(amounts.net).plus(amounts.vat_amount).equals(gross)).toBe(true);
      }),
    );
  });

  it('knows the standard VAT of the countries of charging it lists, and none of others', () => {
    expect([standardVatPercent('NLD'), standardVatPercent('deu'), standardVatPercent('CHE'), standardVatPercent('USA')]).toEqual([21, 19, 8.1, null]);
  });
});

describe('plan precedence', () => {
  const audience: Audience = { token: 'RFID/04A2B3C4D5E680', group: 'FLEET-1', partner: 'NL-CPO', channel: 'ROAMING', currency: 'EUR' };
  const candidate = (id: string, scope: CandidatePlan['scope'], scopeKey: string, channel = '', currency = ''): CandidatePlan => ({ scope, scopeKey, channel, currency, plan: plan({ id, scope }) });
  const all = [
    candidate('default', 'DEFAULT', ''),
    candidate('partner', 'PARTNER', 'NL-CPO'),
    candidate('group', 'GROUP', 'FLEET-1'),
    candidate('token', 'TOKEN', 'RFID/04A2B3C4D5E680'),
  ];
  const chosen = (candidates: CandidatePlan[], who: Audience = audience) => selectPlan(candidates, who)?.id ?? null;

  it('takes the token plan over the group plan over the partner plan over the default', () => {
    expect(chosen(all)).toBe('token');
    expect(chosen(all.slice(0, 3))).toBe('group');
    expect(chosen(all.slice(0, 2))).toBe('partner');
    expect(chosen(all.slice(0, 1))).toBe('default');
    expect(chosen([])).toBeNull();
    expect(chosen(all, { ...audience, token: 'RFID/0000000000', group: null, partner: 'BE-OTH' })).toBe('default');
  });

  it("prefers, within one audience, the plan for the CDR's channel and currency, and skips plans for the other ones", () => {
    const partner = [candidate('any', 'PARTNER', 'NL-CPO'), candidate('roaming', 'PARTNER', 'NL-CPO', 'ROAMING'), candidate('direct', 'PARTNER', 'NL-CPO', 'DIRECT')];
    expect(chosen(partner)).toBe('roaming');
    expect(chosen(partner, { ...audience, channel: 'DIRECT' })).toBe('direct');
    expect(chosen([candidate('direct', 'TOKEN', audience.token, 'DIRECT'), candidate('partner', 'PARTNER', 'NL-CPO')])).toBe('partner');
    expect(chosen([candidate('chf', 'TOKEN', audience.token, '', 'CHF'), candidate('eur', 'GROUP', 'FLEET-1', '', 'EUR'), candidate('any', 'GROUP', 'FLEET-1')])).toBe('eur');
  });
});
