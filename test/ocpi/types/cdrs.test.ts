import { describe, it } from 'vitest';
import { CDR, CdrLocation, SignedData } from '../../../src/ocpi/types/cdrs.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const cdr = fixture('cdr');
const cdrLocation = (cdr as { cdr_location: unknown }).cdr_location;
const signedData = (cdr as { signed_data: unknown }).signed_data;

describe('CDR', () => {
  it('accepts our CDR with tariffs, signed data and cost breakdown', () => {
    expectValid(CDR, cdr);
  });

  it('accepts a credit CDR with negative totals', () => {
    expectValid(CDR, fixture('cdr_credit'));
  });

  it('allows 39 characters in ids that credit CDRs extend, 36 elsewhere', () => {
    expectValid(CDR, withField(withField(cdr, 'id', ofLength(39)), 'credit_reference_id', ofLength(39)));
    expectRejected(CDR, withField(cdr, 'id', ofLength(40)), 'id');
    expectRejected(CDR, withField(cdr, 'invoice_reference_id', ofLength(40)), 'invoice_reference_id');
    expectRejected(CDR, withField(cdr, 'session_id', ofLength(37)), 'session_id');
  });

  it('tolerates unknown fields and accepts unknown OpenEnum values', () => {
    let extended = withField(cdr, 'cdr_location.connector_standard', 'MCS');
    extended = withField(extended, 'cdr_token.type', 'EMAID');
    extended = withField(extended, 'total_cost.before_taxes', 18.98);
    expectValid(CDR, extended);
  });

  it.each([
    ['auth_method', 'RFID'],
    ['cdr_location.connector_format', 'PLUG'],
    ['cdr_location.connector_power_type', 'AC'],
    ['charging_periods[0].dimensions[0].type', 'KILOWATTHOUR'],
    ['tariffs[0].elements[0].price_components[0].type', 'START'],
  ])('rejects an unknown value of the closed enum in %s', (path, value) => {
    expectRejected(CDR, withField(cdr, path, value), path);
  });

  it.each([
    'country_code',
    'party_id',
    'id',
    'start_date_time',
    'end_date_time',
    'cdr_token',
    'auth_method',
    'cdr_location',
    'cdr_location.evse_id',
    'cdr_location.coordinates',
    'currency',
    'charging_periods',
    'total_cost',
    'total_energy',
    'total_time',
    'last_updated',
    'signed_data.signed_values[0].plain_data',
    'tariffs[0].last_updated',
  ])('rejects a missing %s', (path) => {
    expectRejected(CDR, withField(cdr, path, REMOVE), path);
  });

  it('rejects a CDR without charging periods (cardinality +)', () => {
    expectRejected(CDR, withField(cdr, 'charging_periods', []), 'charging_periods');
  });

  it.each([
    ['total_energy', '38.214'],
    ['total_cost.excl_vat', '18.98'],
    ['cdr_location.coordinates.latitude', '52.08'],
    ['cdr_location.country', 'NL'],
    ['start_date_time', '2024-04-02T12:03:11+02:00'],
    ['signed_data.encoding_method_version', '1'],
  ])('rejects a wrong %s', (path, value) => {
    expectRejected(CDR, withField(cdr, path, value), path);
  });
});

describe('CdrLocation', () => {
  it('accepts the address and state lengths a Location may hold (255, 45)', () => {
    expectValid(CdrLocation, withField(withField(cdrLocation, 'address', ofLength(255)), 'state', ofLength(45)));
    expectRejected(CdrLocation, withField(cdrLocation, 'address', ofLength(256)), 'address');
  });

  it('accepts #NA for a reservation that never became a session', () => {
    let reservation = withField(cdrLocation, 'evse_uid', '#NA');
    reservation = withField(reservation, 'evse_id', '#NA');
    reservation = withField(reservation, 'connector_id', '#NA');
    expectValid(CdrLocation, reservation);
  });
});

describe('SignedData', () => {
  it('accepts plain_data up to 5000 characters (edition 2), not more', () => {
    expectValid(SignedData, withField(signedData, 'signed_values[0].plain_data', ofLength(5000)));
    expectRejected(SignedData, withField(signedData, 'signed_values[0].plain_data', ofLength(5001)), 'signed_values[0].plain_data');
    expectRejected(SignedData, withField(signedData, 'signed_values[1].signed_data', ofLength(5001)), 'signed_values[1].signed_data');
  });

  it('limits encoding_method, nature, public_key and url', () => {
    expectRejected(SignedData, withField(signedData, 'encoding_method', ofLength(37)), 'encoding_method');
    expectRejected(SignedData, withField(signedData, 'signed_values[0].nature', ofLength(33)), 'signed_values[0].nature');
    expectRejected(SignedData, withField(signedData, 'public_key', ofLength(513)), 'public_key');
    expectRejected(SignedData, withField(signedData, 'url', ofLength(513)), 'url');
  });

  it('needs at least one signed value', () => {
    expectRejected(SignedData, withField(signedData, 'signed_values', []), 'signed_values');
  });
});
