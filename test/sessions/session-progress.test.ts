import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionFigures } from '../../src/cpo/sessions/session-progress.js';
import { sessionUpdate } from '../../src/cpo/sessions/session-update.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { Tariff } from '../../src/ocpi/types/tariffs.js';
import type { StoredChargePoint, StoredMeterSample } from '../../src/store/tables/session-tables.js';
import { LOCATION, TOKEN } from './pair.js';

/** Prices that change with the clock, with power and with energy: periods split for each. */
const TARIFF: Tariff = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'MIXED',
  currency: 'EUR',
  elements: [
    { price_components: [{ type: 'TIME', price: 3, step_size: 60 }], restrictions: { start_time: '10:00', end_time: '11:00' } },
    { price_components: [{ type: 'ENERGY', price: 0.45, step_size: 1 }], restrictions: { min_power: 22 } },
    { price_components: [{ type: 'ENERGY', price: 0.25, step_size: 1 }], restrictions: { min_kwh: 10 } },
    { price_components: [{ type: 'ENERGY', price: 0.3, step_size: 1 }, { type: 'PARKING_TIME', price: 2, step_size: 60 }] },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};
const CHARGE_POINT = { location: LOCATION, time_zone: 'Europe/Amsterdam', tariff: TARIFF } as StoredChargePoint;

const reading = fc.record({ minutes: fc.integer({ min: 1, max: 25 }), kwh: fc.double({ min: 0, max: 8, noNaN: true }), powerKw: fc.integer({ min: 0, max: 50 }), parked: fc.boolean() });

describe('a running session as the eMSP is told of it', () => {
  it('only ever grows: every update is a PATCH appending periods, never a correction', () => {
    fc.assert(
      fc.property(fc.array(reading, { minLength: 1, maxLength: 25 }), (readings) => {
        let ms = Date.UTC(2025, 2, 4, 8, 30);
        let energy = 100;
        const timeline: StoredMeterSample[] = [{ at: new Date(ms).toISOString(), energyKwh: energy, powerKw: 11, state: 'CHARGING' }];
        let session = { country_code: 'NL', party_id: 'CPO', id: 'S', start_date_time: timeline[0]!.at, kwh: 0, cdr_token: TOKEN, auth_method: 'WHITELIST', location_id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1', currency: 'EUR', charging_periods: [], status: 'ACTIVE', last_updated: timeline[0]!.at } as Session;
        readings.forEach((r, i) => {
          ms += r.minutes * 60_000;
          energy += r.parked ? 0 : r.kwh;
          timeline.push({ at: new Date(ms).toISOString(), energyKwh: energy, powerKw: r.powerKw, state: r.parked ? 'PARKED' : 'CHARGING' });
          const ended = i === readings.length - 1;
          const { figures } = sessionFigures(timeline, CHARGE_POINT, ended);
          const next = { ...session, ...figures, last_updated: new Date(ms).toISOString() } as Session;
          expect(sessionUpdate(session, next).method).toBe('PATCH');
          session = next;
        });
      }),
      { numRuns: 150 },
    );
  });
});
