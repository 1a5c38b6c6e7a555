import { Type, type Static } from '@sinclair/typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  BusinessDetails,
  CiString,
  closedEnum,
  CountryAlpha3,
  CountryCode,
  CurrencyCode,
  DateTime,
  DisplayText,
  dropNullFields,
  EnergyMix,
  GeoLocation,
  Image,
  LocalDate,
  OcpiString,
  openEnum,
  optional,
  PartyId,
  Price,
  Role,
  TimeOfDay,
} from '../../../src/ocpi/types/common.js';
import { findProblems } from '../../../src/ocpi/validation.js';
import { expectRejected, expectValid, ofLength } from './helpers.js';

const passes = (schema: Parameters<typeof findProblems>[0], value: unknown) => findProblems(schema, value).length === 0;

describe('DateTime', () => {
  it.each([
    '2015-06-29T20:39:09Z',
    '2015-06-29T20:39:09',
    '2016-12-29T17:45:09.2Z',
    '2016-12-29T17:45:09.2',
    '2015-06-29T20:39:09.123Z',
    '2018-01-01T01:08:01.123',
    '2024-02-29T23:59:59.123456Z',
    '2024-02-29T23:59:59.123456789',
  ])('accepts %s', (value) => {
    expect(passes(DateTime, value)).toBe(true);
  });

  it.each([
    ['an offset, even +00:00', '2015-06-29T20:39:09+00:00'],
    ['a +02:00 offset', '2015-06-29T22:39:09+02:00'],
    ['a date only', '2015-06-29'],
    ['a space instead of T', '2015-06-29 20:39:09Z'],
    ['no seconds', '2015-06-29T20:39Z'],
    ['a lower-case z', '2015-06-29T20:39:09z'],
    ['month 13', '2015-13-29T20:39:09Z'],
    ['hour 24', '2015-06-29T24:00:00Z'],
    ['an empty fraction', '2015-06-29T20:39:09.Z'],
    ['ten fraction digits', '2015-06-29T20:39:09.1234567890Z'],
    ['epoch seconds', '1435610349'],
  ])('rejects %s', (_label, value) => {
    expect(passes(DateTime, value)).toBe(false);
  });

  it('names the field that is wrong', () => {
    expectRejected(Type.Object({ last_updated: DateTime }), { last_updated: '2015-06-29T22:39:09+02:00' }, 'last_updated');
  });
});

describe('GeoLocation', () => {
  it.each([
    ['51.047599', '3.729944'],
    ['-33.86882', '151.209300'],
    ['0.0000000', '-126.104965'],
    ['52.0853420', '5.1756210'],
  ])('accepts %s, %s', (latitude, longitude) => {
    expectValid(GeoLocation, { latitude, longitude });
  });

  it.each([
    ['latitude', { latitude: '51.0475', longitude: '3.729944' }],
    ['latitude', { latitude: '51.047599123', longitude: '3.729944' }],
    ['latitude', { latitude: '151.04759', longitude: '3.729944' }],
    ['latitude', { latitude: '51,047599', longitude: '3.729944' }],
    ['latitude', { latitude: 51.047599, longitude: '3.729944' }],
    ['longitude', { latitude: '51.047599', longitude: '1234.729944' }],
    ['longitude', { latitude: '51.047599', longitude: '+3.729944' }],
  ])('rejects a bad %s', (field, value) => {
    expectRejected(GeoLocation, value, field);
  });
});

describe('string helpers', () => {
  it('OcpiString limits the length and allows any UTF-8 text', () => {
    expect(passes(OcpiString(5), 'Malmö')).toBe(true);
    expect(passes(OcpiString(5), 'Malmöö')).toBe(false);
  });

  it('CiString limits the length and allows printable ASCII only', () => {
    expect(passes(CiString(36), 'BE*BEC*E041503001')).toBe(true);
    expect(passes(CiString(36), '#NA')).toBe(true);
    expect(passes(CiString(36), ofLength(36))).toBe(true);
    expect(passes(CiString(36), ofLength(37))).toBe(false);
    expect(passes(CiString(36), 'Köln-1')).toBe(false);
    expect(passes(CiString(36), 'line\nbreak')).toBe(false);
  });

  it('party identifiers have their exact shapes', () => {
    expect(passes(CountryCode, 'NL')).toBe(true);
    expect(passes(CountryCode, 'nl')).toBe(true);
    expect(passes(CountryCode, 'NLD')).toBe(false);
    expect(passes(PartyId, 'EVR')).toBe(true);
    expect(passes(PartyId, 'E1R')).toBe(true);
    expect(passes(PartyId, 'EV')).toBe(false);
    expect(passes(PartyId, 'EVRX')).toBe(false);
    expect(passes(CountryAlpha3, 'NLD')).toBe(true);
    expect(passes(CountryAlpha3, 'NL')).toBe(false);
    expect(passes(CurrencyCode, 'EUR')).toBe(true);
    expect(passes(CurrencyCode, '€')).toBe(false);
  });

  it('local times and dates follow HH:MM and YYYY-MM-DD', () => {
    expect(passes(TimeOfDay, '00:00')).toBe(true);
    expect(passes(TimeOfDay, '23:59')).toBe(true);
    expect(passes(TimeOfDay, '9:00')).toBe(false);
    expect(passes(TimeOfDay, '24:00')).toBe(false);
    expect(passes(LocalDate, '2015-12-24')).toBe(true);
    expect(passes(LocalDate, '24-12-2015')).toBe(false);
  });
});

describe('enum helpers', () => {
  const Fruit = openEnum(['APPLE', 'PEAR']);
  const Size = closedEnum(['S', 'M', 'L']);

  it('an open enum accepts known and unknown strings, nothing else', () => {
    expect(passes(Fruit, 'APPLE')).toBe(true);
    expect(passes(Fruit, 'DRAGON_FRUIT')).toBe(true);
    expect(passes(Fruit, 42)).toBe(false);
    expect(passes(Fruit, null)).toBe(false);
  });

  it('an open enum keeps its known values in the schema for documentation', () => {
    expect(JSON.stringify(Fruit)).toContain('"const":"PEAR"');
  });

  it('an open enum still lists its known values in the TypeScript type', () => {
    type FruitValue = Static<typeof Fruit>;
    expectTypeOf<'APPLE'>().toExtend<FruitValue>();
    expectTypeOf<'DRAGON_FRUIT'>().toExtend<FruitValue>();
    expectTypeOf<FruitValue>().not.toEqualTypeOf<string>();
    expectTypeOf<Static<typeof Size>>().toEqualTypeOf<'S' | 'M' | 'L'>();
  });

  it('a closed enum accepts its values only', () => {
    expect(passes(Size, 'M')).toBe(true);
    expect(passes(Size, 'XL')).toBe(false);
    expect(passes(Size, 'm')).toBe(false);
  });

  it('Role is closed', () => {
    expect(passes(Role, 'HUB')).toBe(true);
    expect(passes(Role, 'PTP')).toBe(false);
  });
});

describe('null fields', () => {
  const Shape = Type.Object({ required: Type.String(), extra: optional(Type.String({ maxLength: 3 })) });

  it('an optional field may be omitted, and is checked when present', () => {
    expectValid(Shape, { required: 'a' });
    expectValid(Shape, { required: 'a', extra: 'abc' });
    expectRejected(Shape, { required: 'a', extra: 'abcd' }, 'extra');
  });

  it('null means "not set": dropNullFields turns it into an absent field before validation', () => {
    expectValid(Shape, dropNullFields({ required: 'a', extra: null }));
    expectRejected(Shape, dropNullFields({ required: null }), 'required');
  });

  it('dropNullFields works at any depth, keeps array elements and does not touch its input', () => {
    const body = { a: null, b: { c: null, d: [{ e: null, f: 1 }, null] }, g: 0, h: false, i: '' };
    expect(dropNullFields(body)).toEqual({ b: { d: [{ f: 1 }, null] }, g: 0, h: false, i: '' });
    expect(body.a).toBeNull();
    expect(dropNullFields(null)).toBeNull();
    expect(dropNullFields('text')).toBe('text');
  });

  it('dropNullFields keeps a "__proto__" key as plain data', () => {
    const cleaned = dropNullFields(JSON.parse('{"__proto__": {"polluted": true}, "x": null}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__']);
  });
});

describe('shared classes', () => {
  it('Price needs excl_vat; incl_vat is optional', () => {
    expectValid(Price, { excl_vat: 4.0, incl_vat: 4.4 });
    expectValid(Price, { excl_vat: -18.98 });
    expectRejected(Price, { incl_vat: 4.4 }, 'excl_vat');
    expectRejected(Price, { excl_vat: '4.00' }, 'excl_vat');
  });

  it('DisplayText limits language to 2 letters and text to 512 characters', () => {
    expectValid(DisplayText, { language: 'en', text: ofLength(512) });
    expectRejected(DisplayText, { language: 'en-GB', text: 'Hello' }, 'language');
    expectRejected(DisplayText, { language: 'en', text: ofLength(513) }, 'text');
  });

  it('Image and BusinessDetails', () => {
    const logo = { url: 'https://example.com/logo.png', category: 'OPERATOR', type: 'png', width: 512, height: 512 };
    expectValid(BusinessDetails, { name: 'Operator', website: 'https://example.com', logo });
    expectValid(Image, { ...logo, category: 'SPONSOR' });
    expectRejected(Image, { ...logo, type: 'image/png' }, 'type');
    expectRejected(Image, { ...logo, width: 100_000 }, 'width');
    expectRejected(BusinessDetails, { name: ofLength(101) }, 'name');
  });

  it('EnergyMix accepts unknown energy sources but not percentages over 100', () => {
    expectValid(EnergyMix, { is_green_energy: true, energy_sources: [{ source: 'GEOTHERMAL', percentage: 100 }] });
    expectValid(EnergyMix, { is_green_energy: false, environ_impact: [{ category: 'METHANE', amount: 3 }] });
    expectRejected(EnergyMix, { is_green_energy: true, energy_sources: [{ source: 'WIND', percentage: 101 }] }, 'energy_sources[0].percentage');
    expectRejected(EnergyMix, { energy_sources: [] }, 'is_green_energy');
  });
});
