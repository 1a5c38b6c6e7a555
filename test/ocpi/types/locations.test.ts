import { describe, expect, it } from 'vitest';
import { dropNullFields } from '../../../src/ocpi/types/common.js';
import { parseOcpi } from '../../../src/ocpi/validation.js';
import { Connector, ConnectorPatch, EVSE, EVSEPatch, Hours, Location, LocationPatch } from '../../../src/ocpi/types/locations.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const location = fixture('location');
const evse = (location as { evses: unknown[] }).evses[0];
const connector = (evse as { connectors: unknown[] }).connectors[0];

describe('Location', () => {
  it('accepts our full example', () => {
    expectValid(Location, location);
  });

  it('accepts a minimal Location without EVSEs', () => {
    const minimal = {
      country_code: 'NL',
      party_id: 'EVR',
      id: 'LOC-MIN',
      publish: false,
      publish_allowed_to: [{ group_id: 'FLEET-ACME-01' }],
      address: 'Kerkstraat 1',
      city: 'Ede',
      country: 'NLD',
      coordinates: { latitude: '52.04123', longitude: '5.66712' },
      time_zone: 'Europe/Amsterdam',
      last_updated: '2024-01-01T00:00:00Z',
    };
    expectValid(Location, minimal);
  });

  it('tolerates unknown fields at every level (2.3.0 additions, vendor extensions)', () => {
    let extended = withField(location, 'help_phone', '+31 30 123 4567');
    extended = withField(extended, 'evses[0].accepted_service_providers', ['NL*EVM']);
    extended = withField(extended, 'evses[0].connectors[0].capabilities', ['ISO_15118_2_PLUG_AND_CHARGE']);
    extended = withField(extended, 'coordinates.altitude', '12');
    expectValid(Location, extended);
  });

  it.each([
    ['evses[0].connectors[0].standard', 'SAE_J3400'],
    ['evses[0].capabilities[0]', 'ISO_15118_PLUG_AND_CHARGE'],
    ['evses[0].parking_restrictions[0]', 'TAXIS'],
    ['parking_type', 'ON_ROOFTOP'],
    ['facilities[0]', 'SHOPPING_STREET'],
    ['evses[0].images[0].category', 'SPONSOR'],
  ])('accepts an unknown OpenEnum value in %s', (path, value) => {
    expectValid(Location, withField(location, path, value));
  });

  it.each([
    ['evses[0].status', 'BROKEN'],
    ['evses[0].connectors[0].format', 'PLUG'],
    ['evses[0].connectors[0].power_type', 'AC_3_PHASES'],
  ])('rejects an unknown value of the closed enum in %s', (path, value) => {
    expectRejected(Location, withField(location, path, value), path);
  });

  it('rejects an over-long EVSE uid, naming it', () => {
    const error = expectRejected(Location, withField(location, 'evses[0].uid', ofLength(37)), 'evses[0].uid');
    expect(error.message).toContain('36');
  });

  it.each([
    ['id', ofLength(37)],
    ['evses[1].evse_id', ofLength(49)],
    ['evses[0].connectors[0].id', ofLength(37)],
    ['evses[0].connectors[0].tariff_ids[0]', ofLength(37)],
    ['name', ofLength(256)],
    ['city', ofLength(46)],
    ['postal_code', ofLength(11)],
    ['evses[0].floor_level', ofLength(5)],
    ['evses[0].physical_reference', ofLength(17)],
    ['time_zone', ofLength(256)],
  ])('rejects an over-long %s', (path, value) => {
    expectRejected(Location, withField(location, path, value), path);
  });

  it('accepts the lengths edition 2 introduced: address 255, state 45', () => {
    expectValid(Location, withField(withField(location, 'address', ofLength(255)), 'state', ofLength(45)));
    expectRejected(Location, withField(location, 'address', ofLength(256)), 'address');
    expectRejected(Location, withField(location, 'state', ofLength(46)), 'state');
  });

  it.each([
    'country_code',
    'party_id',
    'id',
    'publish',
    'address',
    'city',
    'country',
    'coordinates',
    'time_zone',
    'last_updated',
    'evses[0].uid',
    'evses[0].status',
    'evses[0].connectors',
    'evses[0].last_updated',
    'evses[0].connectors[0].standard',
    'evses[0].connectors[0].max_voltage',
    'evses[0].connectors[0].last_updated',
    'opening_times.twentyfourseven',
  ])('rejects a missing %s', (path) => {
    expectRejected(Location, withField(location, path, REMOVE), path);
  });

  it.each([
    ['publish', 'true'],
    ['evses[0].connectors[0].max_amperage', '32'],
    ['evses[0].connectors[0].max_voltage', 230.5],
    ['evses', { uid: 'not-a-list' }],
    ['opening_times.regular_hours[0].weekday', 8],
    ['opening_times.regular_hours[0].period_begin', '6:00'],
    ['charging_when_closed', 'no'],
    ['country', 'NL'],
  ])('rejects a wrong type or shape in %s', (path, value) => {
    expectRejected(Location, withField(location, path, value), path);
  });

  it('rejects an EVSE without connectors (cardinality +)', () => {
    expectRejected(Location, withField(location, 'evses[0].connectors', []), 'evses[0].connectors');
  });

  it.each([
    ['last_updated', '2024-04-02T16:03:11+02:00'],
    ['evses[0].last_updated', '2024-04-02'],
    ['evses[0].status_schedule[0].period_begin', '08-04-2024 06:00'],
    ['opening_times.exceptional_closings[0].period_end', '2024-12-26 05:00:00'],
  ])('rejects a bad DateTime in %s', (path, value) => {
    expectRejected(Location, withField(location, path, value), path);
  });

  it.each([
    ['coordinates.latitude', '52.0853'],
    ['coordinates.longitude', '5,1756210'],
    ['evses[0].coordinates.latitude', '152.08541'],
    ['related_locations[0].longitude', '5.174901234'],
  ])('rejects a bad coordinate in %s', (path, value) => {
    expectRejected(Location, withField(location, path, value), path);
  });

  it('accepts null in optional fields as absent, and still names a null required field', () => {
    const withNulls = withField(withField(withField(location, 'name', null), 'evses[0].evse_id', null), 'opening_times', null);
    const parsed = parseOcpi(Location, withNulls) as Record<string, unknown>;
    expect('name' in parsed).toBe(false);
    expectValid(Location, dropNullFields(withNulls));
    expectRejected(Location, withField(location, 'evses[0].uid', null), 'evses[0].uid');
  });
});

describe('Hours', () => {
  it('accepts 24/7 with an exceptional closing', () => {
    expectValid(Hours, {
      twentyfourseven: true,
      exceptional_closings: [{ period_begin: '2024-12-25T03:00:00Z', period_end: '2024-12-25T05:00:00Z' }],
    });
  });
});

describe('EVSE and Connector pushed on their own', () => {
  it('accepts them', () => {
    expectValid(EVSE, evse);
    expectValid(Connector, connector);
  });

  it('names nested fields relative to the pushed object', () => {
    expectRejected(EVSE, withField(evse, 'connectors[0].id', ofLength(37)), 'connectors[0].id');
    expectRejected(Connector, withField(connector, 'standard', 2), 'standard');
  });
});

describe('PATCH bodies', () => {
  it('accept any subset of fields with last_updated', () => {
    expectValid(LocationPatch, fixture('location_patch'));
    expectValid(EVSEPatch, fixture('evse_patch'));
    expectValid(ConnectorPatch, fixture('connector_patch'));
    expectValid(LocationPatch, { last_updated: '2024-04-03T07:30:00Z' });
  });

  it('require last_updated', () => {
    expectRejected(LocationPatch, withField(fixture('location_patch'), 'last_updated', REMOVE), 'last_updated');
    expectRejected(EVSEPatch, withField(fixture('evse_patch'), 'last_updated', REMOVE), 'last_updated');
    expectRejected(ConnectorPatch, withField(fixture('connector_patch'), 'last_updated', REMOVE), 'last_updated');
  });

  it('still check the fields they carry', () => {
    expectRejected(EVSEPatch, withField(fixture('evse_patch'), 'status', 'BROKEN'), 'status');
    expectRejected(LocationPatch, { coordinates: { latitude: '1', longitude: '2' }, last_updated: '2024-04-03T07:30:00Z' }, 'coordinates.latitude');
    expectRejected(ConnectorPatch, withField(fixture('connector_patch'), 'last_updated', 'yesterday'), 'last_updated');
  });

  it('tolerate unknown fields and unknown OpenEnum values', () => {
    expectValid(ConnectorPatch, { standard: 'MCS', vendor_flag: true, last_updated: '2024-04-03T07:32:00Z' });
  });
});
