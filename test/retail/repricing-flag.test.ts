import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceTimeline } from '../../src/cpo/sessions/session-pricing.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import type { CdrRepricing } from '../../src/store/tables/retail-tables.js';
import { issuedCdr } from '../cdrs/support.js';
import { startPair, TARIFF, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface Accepted {
  cdr: CDR;
  repricing_flagged: boolean;
  repricing: CdrRepricing;
}
interface Flagged {
  cdr_id: string;
  stated_total_cost: { excl_vat: number; incl_vat?: number };
  repriced_total_cost: { excl_vat: number; incl_vat: number };
  differences: Array<{ field: string; stated: number; repriced: number }>;
  time_zone: string;
}

/** Energy at 0.50 from 10:00 to 22:00 local time, else TARIFF's 0.30. */
const DAYTIME = {
  ...TARIFF,
  id: 'DAYTIME',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.5, vat: 21, step_size: 1 }], restrictions: { start_time: '10:00', end_time: '22:00' } }, ...TARIFF.elements],
} as Tariff;

/**
 * issuedCdr's session (09:00–10:00 UTC, 10:00–11:00 in Amsterdam) with its periods and totals priced
 * by `tariff` on the clock of `timeZone`, at location `locationId`.
 */
function cdrPricedIn(id: string, tariff: Tariff, timeZone: string, locationId = 'LOC-1'): CDR {
  const cdr = issuedCdr(id);
  const at = (m: number) => new Date(Date.UTC(2025, 2, 4, 9, m)).toISOString();
  const priced = priceTimeline({ tariff, timeZone, timeline: [{ at: at(0), energyKwh: 0, state: 'CHARGING' }, { at: at(30), energyKwh: 6, state: 'PARKED' }, { at: at(60), energyKwh: 6, state: 'PARKED' }] });
  return { ...cdr, cdr_location: { ...cdr.cdr_location, id: locationId }, tariffs: [tariff], charging_periods: priced.chargingPeriods, ...priced.totals };
}

/** The Location LOC-1 as the CPO publishes it: what tells the eMSP its time zone. */
const LOCATION = {
  publish: true,
  name: 'Stationsplein',
  address: 'Stationsplein 1',
  city: 'Utrecht',
  postal_code: '3511 ED',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    {
      uid: 'EVSE-1',
      evse_id: 'NL*CPO*E0001*1',
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, tariff_ids: ['DAYTIME'], last_updated: '2025-01-01T00:00:00Z' }],
      last_updated: '2025-01-01T00:00:00Z',
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};

describe.each(backends)('re-pricing flag of received CDRs on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const post = async (cdr: CDR) => {
    const reply = await pair.emsp.ocpi('POST', 'receiver/cdrs', pair.cpoToken, cdr);
    expect(reply.body.status_code, reply.body.status_message).toBe(1000);
  };
  const accepted = async (id: string) => (await pair.emsp.api<Accepted[]>('GET', '/parties/DE-MSP/received/cdrs')).body.find((a) => a.cdr.id === id)!;
  const flagged = async () => (await pair.emsp.api<Flagged[]>('GET', '/parties/DE-MSP/received/cdrs/flagged')).body;

  it('accepts and flags a CDR whose costs differ from its own tariff by more than a cent, listing both amounts', async () => {
    const good = issuedCdr('EXACT');
    // Parts and total still add up, so no rule refuses it; only the tariff gives 1.80 for the energy, not 1.85.
    const off = { ...issuedCdr('OFF-BY-5'), total_energy_cost: { excl_vat: 1.85, incl_vat: 2.228 }, total_cost: { excl_vat: 3.35, incl_vat: 4.043 } };
    const cent = { ...issuedCdr('OFF-BY-1'), total_energy_cost: { excl_vat: 1.81, incl_vat: 2.178 }, total_cost: { excl_vat: 3.31, incl_vat: 3.993 } };
    for (const cdr of [good, off, cent]) await post(cdr);

    expect(await accepted('EXACT')).toMatchObject({ repricing_flagged: false, repricing: { outcome: 'MATCHED', tariff_id: 'AC-1', time_zone: 'UTC', repriced_total_cost: { excl_vat: 3.3, incl_vat: 3.993 }, differences: [] } });
    expect((await accepted('OFF-BY-1')).repricing.outcome).toBe('MATCHED');
    expect(await flagged()).toEqual([
      expect.objectContaining({
        cdr_id: 'OFF-BY-5',
        stated_total_cost: { excl_vat: 3.35, incl_vat: 4.043 },
        repriced_total_cost: { excl_vat: 3.3, incl_vat: 3.993 },
        differences: [
          { field: 'total_cost.excl_vat', stated: 3.35, repriced: 3.3 },
          { field: 'total_cost.incl_vat', stated: 4.043, repriced: 3.993 },
          { field: 'total_energy_cost.excl_vat', stated: 1.85, repriced: 1.8 },
          { field: 'total_energy_cost.incl_vat', stated: 2.228, repriced: 2.178 },
        ],
      }),
    ]);
    // Flagged, still accepted, priced for the driver, and never in the rejected list.
    expect((await pair.emsp.api<unknown[]>('GET', '/parties/DE-MSP/received/cdrs/rejected')).body).toEqual([]);
    expect((await pair.emsp.api<Array<{ cdr_id: string }>>('GET', '/parties/DE-MSP/retail-lines')).body.map((l) => l.cdr_id)).toContain('OFF-BY-5');
  });

  it("reads time-of-day tariffs on the clock of the partner's Location when the eMSP holds it, and does not judge them without it", async () => {
    // Priced in Amsterdam: the 30 charging minutes start at 10:00 local, so 6 kWh at 0.50.
    await post(cdrPricedIn('NO-LOCATION', DAYTIME, 'Europe/Amsterdam', 'LOC-UNKNOWN'));
    expect((await accepted('NO-LOCATION')).repricing).toMatchObject({ outcome: 'NOT_CHECKED', tariff_id: 'DAYTIME', reason: expect.stringMatching(/time zone is unknown/) });

    const put = await pair.cpo.api('PUT', '/parties/NL-CPO/locations/LOC-1', LOCATION);
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    await pair.cpo.deliver();

    await post(cdrPricedIn('AMSTERDAM', DAYTIME, 'Europe/Amsterdam'));
    expect((await accepted('AMSTERDAM')).repricing).toMatchObject({ outcome: 'MATCHED', time_zone: 'Europe/Amsterdam', repriced_total_cost: { excl_vat: 4.5 } });
    // A CPO that read its tariff on UTC (09:00, before the daytime price) billed 3.30: flagged.
    await post(cdrPricedIn('CPO-ON-UTC', DAYTIME, 'UTC'));
    expect((await flagged()).find((f) => f.cdr_id === 'CPO-ON-UTC')).toMatchObject({ time_zone: 'Europe/Amsterdam', stated_total_cost: { excl_vat: 3.3 }, repriced_total_cost: { excl_vat: 4.5 } });
  });
});
