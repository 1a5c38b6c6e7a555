import { describe, expect, it } from 'vitest';
import { priceSession, repriceCdr, TariffError, type TariffElement } from '../../src/tariff/index.js';
import { charging, fixture, price, tariffOf, timeline } from './support.js';

// Reservations (Mod Tariffs §TariffRestrictions reservation, §ReservationRestrictionType): the
// reservation phase runs from the reservation until the session starts or the reservation expires.

const TZ = 'Europe/Amsterdam';
const session = timeline(TZ, '2024-01-15T18:30', [charging(60, 10)]);

const reservationTime = (p: number, kind: 'RESERVATION' | 'RESERVATION_EXPIRES', more: TariffElement['restrictions'] = {}): TariffElement => ({
  price_components: [{ type: 'TIME', price: p, vat: 20, step_size: 1 }],
  restrictions: { reservation: kind, ...more },
});
const sessionEnergy: TariffElement = { price_components: [{ type: 'ENERGY', price: 0.3, vat: 20, step_size: 1 }, { type: 'TIME', price: 9, step_size: 1 }] };

describe('reservation phase', () => {
  it('session elements never price the reservation: tariff 1 (TIME only, no reservation element) bills 0 for 30 min reserved', () => {
    const r = priceSession({ tariff: fixture('tariff-01-simple-2hour'), timeZone: TZ, timeline: session, reservation: { start: '2024-01-15T17:00:00Z', end: '2024-01-15T17:30:00Z' } });
    expect(r.total_reservation_cost).toEqual(price(0));
    expect(r.total_cost).toEqual(price(2, 2.2));
  });

  it('reservation elements obey their other restrictions: 2/h before 18:00 and 4/h after; 17:30–18:30 reserved = 1.00 + 2.00 = 3.00 excl, 3.60 incl', () => {
    const tariff = tariffOf([reservationTime(2, 'RESERVATION', { end_time: '18:00' }), reservationTime(4, 'RESERVATION'), sessionEnergy]);
    const r = priceSession({ tariff, timeZone: TZ, timeline: session, reservation: { start: '2024-01-15T16:30:00Z', end: '2024-01-15T17:30:00Z' } });
    expect(r.total_reservation_cost).toEqual(price(3, 3.6));
    expect(r.total_energy_cost).toEqual(price(3, 3.6));
    expect(r.total_time_cost).toEqual(price(9));
    expect(r.total_cost).toEqual(price(15, 16.2));
    expect(r.charging_periods.slice(0, 2).map((p) => p.dimensions)).toEqual([[{ type: 'RESERVATION_TIME', volume: 0.5 }], [{ type: 'RESERVATION_TIME', volume: 0.5 }]]);
  });

  it('an expired reservation uses the RESERVATION_EXPIRES TIME even when listed after the RESERVATION one', () => {
    const tariff = tariffOf([reservationTime(2, 'RESERVATION'), reservationTime(6, 'RESERVATION_EXPIRES'), sessionEnergy]);
    const expired = priceSession({ tariff, timeZone: TZ, timeline: [], reservation: { start: '2024-01-15T16:00:00Z', end: '2024-01-15T17:00:00Z' } });
    expect(expired.total_cost).toEqual(price(6, 7.2));
    const used = priceSession({ tariff, timeZone: TZ, timeline: session, reservation: { start: '2024-01-15T16:30:00Z', end: '2024-01-15T17:30:00Z' } });
    expect(used.total_reservation_cost).toEqual(price(2, 2.4));
  });

  it('a CDR with reservation periods re-prices to the same totals (an expired one too)', () => {
    const tariff = fixture('tariff-17-reservation-with-expire-fee');
    for (const timelineOrNone of [session, []]) {
      const priced = priceSession({ tariff, timeZone: TZ, timeline: timelineOrNone, reservation: { start: '2024-01-15T17:08:00Z', end: '2024-01-15T17:30:00Z' } });
      const { billed: _billed, ...totals } = repriceCdr({ tariff, timeZone: TZ, cdr: priced });
      expect(priced).toMatchObject(totals);
    }
  });

  it('refuses a reservation that ends after the session started, or ends before it starts', () => {
    const tariff = fixture('tariff-15-reservation-5-euro-per-hour');
    expect(() => priceSession({ tariff, timeZone: TZ, timeline: session, reservation: { start: '2024-01-15T17:00:00Z', end: '2024-01-15T17:31:00Z' } })).toThrow(TariffError);
    expect(() => priceSession({ tariff, timeZone: TZ, timeline: [], reservation: { start: '2024-01-15T17:00:00Z', end: '2024-01-15T17:00:00Z' } })).toThrow(/after reservation.start/);
  });
});
