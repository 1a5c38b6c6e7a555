import { describe, it } from 'vitest';
import { Tariff } from '../../../src/ocpi/types/tariffs.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const tariff = fixture('tariff');

describe('Tariff', () => {
  it('accepts our tariff with time, day, energy, duration and reservation restrictions', () => {
    expectValid(Tariff, tariff);
  });

  it('accepts a free-of-charge tariff (one FLAT component at 0, step_size 0)', () => {
    expectValid(Tariff, {
      country_code: 'NL',
      party_id: 'EVR',
      id: 'FREE',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'FLAT', price: 0, step_size: 0 }] }],
      last_updated: '2024-01-01T00:00:00Z',
    });
  });

  it('tolerates unknown fields, e.g. 2.3.0 tax_included', () => {
    expectValid(Tariff, withField(withField(tariff, 'tax_included', 'YES'), 'elements[0].restrictions.vendor_note', 'x'));
  });

  it('accepts an unknown energy source in its energy mix', () => {
    expectValid(Tariff, withField(tariff, 'energy_mix.energy_sources', [{ source: 'GEOTHERMAL', percentage: 100 }]));
  });

  it.each([
    ['type', 'PROFILE_ECO'],
    ['elements[0].price_components[0].type', 'KWH'],
    ['elements[1].restrictions.day_of_week[0]', 'MON'],
    ['elements[0].restrictions.reservation', 'RESERVED'],
  ])('rejects an unknown value of the closed enum in %s', (path, value) => {
    expectRejected(Tariff, withField(tariff, path, value), path);
  });

  it.each(['country_code', 'party_id', 'id', 'currency', 'elements', 'last_updated', 'elements[0].price_components', 'elements[3].price_components[1].step_size'])(
    'rejects a missing %s',
    (path) => {
      expectRejected(Tariff, withField(tariff, path, REMOVE), path);
    },
  );

  it('rejects empty elements and empty price_components (cardinality +)', () => {
    expectRejected(Tariff, withField(tariff, 'elements', []), 'elements');
    expectRejected(Tariff, withField(tariff, 'elements[4].price_components', []), 'elements[4].price_components');
  });

  it.each([
    ['id', ofLength(37)],
    ['tariff_alt_text[0].text', ofLength(513)],
    ['tariff_alt_url', `https://example.com/${ofLength(236)}`],
  ])('rejects an over-long %s', (path, value) => {
    expectRejected(Tariff, withField(tariff, path, value), path);
  });

  it.each([
    ['elements[0].price_components[0].price', '9.00'],
    ['elements[0].price_components[0].step_size', 1.5],
    ['elements[2].restrictions.min_duration', 2700.5],
    ['elements[1].restrictions.start_time', '4pm'],
    ['elements[1].restrictions.end_time', '21:00:00'],
    ['elements[3].restrictions.start_date', '2024-1-1'],
    ['min_price.excl_vat', null],
    ['currency', 'EURO'],
    ['start_date_time', '2024-01-01T01:00:00+01:00'],
    ['last_updated', '2023-12-15'],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(Tariff, withField(tariff, path, value), path);
  });
});
